/// The catalogue of sourced statements about therapy (`GET /v1/evidence/statements`).
///
/// Every quote is from seed 004 (Dispenzieri, Mayo Clinic review) or seed 003
/// (Cleveland Clinic consult article). Seed 002 is deliberately not used: it
/// prints radiation doses as "40-50 cGy", which seed 004 gives as 40 to 50 Gy.
public enum TherapyStatements {
    private static func s004(_ section: String) -> SourceReference { SourceReference(seed: "004", section: section) }
    private static func s003(_ section: String) -> SourceReference { SourceReference(seed: "003", section: section) }

    /// Seed 004, Treatment.
    public static let noRandomizedTrials = EvidenceStatement(
        id: "no-randomized-trials",
        source: s004("Treatment"),
        quote: RetrospectiveReminder.text,
        topics: ["evidence-quality"],
        related: ["treatment-response"])

    /// Seed 004, Treatment.
    public static let limitedAreaRadiation = EvidenceStatement(
        id: "limited-area-radiation",
        source: s004("Treatment"),
        quote: "Single or multiple osteosclerotic lesions in a limited area should be treated with radiation (Davis L, et al, 1972; Iwashita H, et al, 1977; Morley JB, et al, 1967).",
        topics: ["radiation", "bone-lesions"],
        related: ["treatment-response/radiation"])

    /// Seed 004, Treatment.
    public static let widespreadSystemicTherapy = EvidenceStatement(
        id: "widespread-systemic-therapy",
        source: s004("Treatment"),
        quote: "If the patient has widespread osteosclerotic lesions, systemic therapy—possibly high dose chemotherapy with peripheral blood stem cell transplant--is necessary.",
        topics: ["systemic-therapy", "transplant", "bone-lesions"],
        related: ["transplant-response"])

    /// Seed 004, Treatment.
    public static let ivigPlasmapheresisNoBenefit = EvidenceStatement(
        id: "ivig-plasmapheresis-no-benefit",
        source: s004("Treatment"),
        quote: "In contrast to chronic inflammatory demyelinating polyneuropathy, plasmapheresis and intravenous immunoglobulin do not produce clinical benefit.",
        topics: ["cidp-misdiagnosis", "immunomodulatory"],
        related: ["treatment-response/plasmapheresis", "treatment-response/intravenous-immunoglobulin"])

    /// Seed 004, Abstract.
    public static let cidpMisdiagnosisTherapies = EvidenceStatement(
        id: "cidp-misdiagnosis-therapies",
        source: s004("Abstract"),
        quote: "This misdiagnosis is problematic since therapies that are effective in patients with chronic inflammatory demyelinating polyneuropathy (intravenous gammaglobulin, plasmapheresis, and azathioprine) are not effective in patients with POEMS.",
        topics: ["cidp-misdiagnosis", "immunomodulatory"],
        related: ["treatment-response/intravenous-immunoglobulin", "treatment-response/plasmapheresis",
                  "treatment-response/cyclosporine-or-azathioprine"])

    /// Seed 004, Other Therapies.
    public static let cidpImmunomodulatoryTherapies = EvidenceStatement(
        id: "cidp-immunomodulatory-therapies",
        source: s004("Other Therapies"),
        quote: "Since the original diagnosis of patients with POEMS is often chronic inflammatory demyelinating polyneuropathy, patients commonly receive immunomodulatory therapies like intravenous gamma-globulin, plasmapheresis, and drugs like azathioprine. In our experience, these drugs are not useful, but since they are commonly used with corticosteroids or radiation, it often difficult to elucidate their role.",
        topics: ["cidp-misdiagnosis", "immunomodulatory"],
        related: ["treatment-response/intravenous-immunoglobulin", "treatment-response/plasmapheresis",
                  "treatment-response/cyclosporine-or-azathioprine"])

    /// Seed 004, Chemotherapy — Corticosteroids: "at least 15%" improved, "another 7%" stabilised.
    public static let corticosteroids = EvidenceStatement(
        id: "corticosteroids-improvement",
        source: s004("Chemotherapy — Corticosteroids"),
        quote: "In our experience at least 15% of patients treated with single agent corticosteroids derive clinical improvement and another 7% have stabilization of their disease.",
        figures: [
            StatementFigure(key: "improved", printed: "at least 15%", value: 15, unit: "%", qualifier: .atLeast),
            StatementFigure(key: "stabilized", printed: "another 7%", value: 7, unit: "%"),
        ],
        topics: ["corticosteroids"],
        related: ["treatment-response/prednisone-or-dexamethasone"])

    /// Seed 004, Chemotherapy — Corticosteroids: the caveat beside the corticosteroid row.
    public static let corticosteroidsTemporizing = EvidenceStatement(
        id: "corticosteroids-temporizing",
        source: s004("Chemotherapy — Corticosteroids"),
        quote: "This therapy should not be considered definitive therapy, but rather temporizing therapy.",
        topics: ["corticosteroids", "caveat"],
        related: ["treatment-response/prednisone-or-dexamethasone"])

    /// Seed 004, Chemotherapy — Alkylator based therapy: the melphalan caveat (myelodysplasia, leukemia).
    public static let melphalanSecondaryMalignancy = EvidenceStatement(
        id: "melphalan-secondary-myelodysplasia-leukemia",
        source: s004("Chemotherapy — Alkylator based therapy"),
        quote: "Limiting the melphalan exposure is important because secondary myelodysplastic syndrome or acute leukemia can occur.",
        topics: ["alkylator", "caveat"],
        related: ["treatment-response/melphalan-prednisone"])

    /// Seed 004, Chemotherapy — Alkylator based therapy: melphalan avoided until after stem cell harvest.
    public static let melphalanAfterHarvest = EvidenceStatement(
        id: "melphalan-after-stem-cell-harvest",
        source: s004("Chemotherapy — Alkylator based therapy"),
        quote: "If the patient is considered to be a candidate for peripheral blood stem cell transplantation, melphalan-containing regimens should be avoided until after stem cell harvest.",
        topics: ["alkylator", "transplant", "caveat"],
        related: ["treatment-response/melphalan-prednisone"])

    /// Seed 004, Treatment: stem cells collected before prolonged alkylator exposure.
    public static let stemCellsBeforeAlkylators = EvidenceStatement(
        id: "stem-cells-before-alkylators",
        source: s004("Treatment"),
        quote: "In appropriate candidates, peripheral blood stem cells should be collected before the patient has prolonged exposure to alkylating agents (Dispenzieri A, et al, 2004).",
        topics: ["alkylator", "transplant", "caveat"],
        related: ["treatment-response/melphalan-prednisone", "treatment-response/combination-chemotherapy"])

    /// Seed 004, Chemotherapy — Alkylator based therapy: "as many as 40%".
    public static let cyclophosphamide = EvidenceStatement(
        id: "cyclophosphamide-improvement",
        source: s004("Chemotherapy — Alkylator based therapy"),
        quote: "Cyclophosphamide as a single agent or in combination with prednisone can result in substantial clinical improvement in as many as 40% of patients (Dispenzieri A, et al, 2003; Nakanishi T, et al, 1984).",
        figures: [StatementFigure(key: "improved", printed: "as many as 40%", value: 40, unit: "%", qualifier: .upTo)],
        topics: ["alkylator", "systemic-therapy"],
        related: ["treatment-response/combination-chemotherapy"])

    /// Seed 004, Chemotherapy — Alkylator based therapy: "approximately 40%".
    public static let melphalanPrednisone = EvidenceStatement(
        id: "melphalan-prednisone-response",
        source: s004("Chemotherapy — Alkylator based therapy"),
        quote: "Based on retrospective data approximately 40% of patients with POEMS syndrome will response to melphalan and prednisone.",
        figures: [StatementFigure(key: "responded", printed: "approximately 40%", value: 40, unit: "%", qualifier: .approximately)],
        topics: ["alkylator", "systemic-therapy"],
        related: ["treatment-response/melphalan-prednisone"])

    /// Seed 004, High dose chemotherapy with hematopoietic stem cell transplant.
    public static let transplantEmerging = EvidenceStatement(
        id: "transplant-emerging-therapy",
        source: s004("Chemotherapy — High dose chemotherapy with hematopoietic stem cell transplant"),
        quote: "High dose chemotherapy with peripheral blood stem cell transplant is an emerging therapy for patients with POEMS (Table 4; Figure 2).",
        topics: ["transplant", "systemic-therapy"],
        related: ["transplant-response"])

    /// Seed 004, transplant section: "Thirty-seven percent" ICU, "thirty-seven percent" ventilation.
    public static let transplantIntensiveCare = EvidenceStatement(
        id: "transplant-icu-ventilation",
        source: s004("Chemotherapy — High dose chemotherapy with hematopoietic stem cell transplant"),
        quote: "Thirty-seven percent of our patients spent time in the intensive care unit and thirty-seven percent required mechanical ventilation.",
        figures: [
            StatementFigure(key: "intensiveCareUnit", printed: "Thirty-seven percent", value: 37, unit: "%"),
            StatementFigure(key: "mechanicalVentilation", printed: "thirty-seven percent", value: 37, unit: "%"),
        ],
        topics: ["transplant", "transplant-morbidity"],
        related: ["transplant-response"])

    /// Seed 004, transplant section: "one" death, "6.2%", pooled "2/27 or 7.4%".
    public static let transplantMortality = EvidenceStatement(
        id: "transplant-mortality",
        source: s004("Chemotherapy — High dose chemotherapy with hematopoietic stem cell transplant"),
        quote: "Though only one of our patients died (6.2% mortality rate), if the published experience of transplanted POEMS patients is pooled, the mortality figure is 2/27 or 7.4%.",
        figures: [
            StatementFigure(key: "deaths", printed: "one", value: 1, unit: "deaths"),
            StatementFigure(key: "mortalityRate", printed: "6.2%", value: 6.2, unit: "%"),
            StatementFigure(key: "pooledDeaths", printed: "2/27", value: 2, denominator: 27, unit: "deaths"),
            StatementFigure(key: "pooledMortality", printed: "7.4%", value: 7.4, unit: "%"),
        ],
        topics: ["transplant", "transplant-mortality"],
        related: ["transplant-response"])

    /// Seed 004, transplant section: comparison with myeloma (2%) and amyloidosis (14%).
    public static let transplantMortalityComparison = EvidenceStatement(
        id: "transplant-mortality-comparison",
        source: s004("Chemotherapy — High dose chemotherapy with hematopoietic stem cell transplant"),
        quote: "These numbers appear higher than the 2% transplanted related mortality observed in patients with multiple myeloma (Attal M, et al, 1996) but lower than the 14% transplant related mortality observed in patients with primary systemic amyloidosis (Gertz MA, et al, 2002).",
        figures: [
            StatementFigure(key: "multipleMyelomaMortality", printed: "2%", value: 2, unit: "%"),
            StatementFigure(key: "amyloidosisMortality", printed: "14%", value: 14, unit: "%"),
        ],
        topics: ["transplant", "transplant-mortality"],
        related: ["transplant-response"])

    /// Seed 004, Radiation Therapy — External Beam Radiation.
    public static let radiationFirstLine = EvidenceStatement(
        id: "radiation-first-line-solitary-lesion",
        source: s004("Radiation Therapy — External Beam Radiation"),
        quote: "In those patients with a single, dominant osteosclerotic lesion, localized external beam radiation is generally considered to be first line therapy (Davis L, et al, 1972; Dispenzieri A, et al, 2003; Iwashita H, et al, 1977; Morley JB, et al, 1967; Reitan JB, et al, 1980).",
        topics: ["radiation", "bone-lesions"],
        related: ["treatment-response/radiation"])

    /// Seed 004, Radiation Therapy — External Beam Radiation: "40 to 50 Gy".
    public static let radiationDose = EvidenceStatement(
        id: "radiation-dose-solitary-plasmacytoma",
        source: s004("Radiation Therapy — External Beam Radiation"),
        quote: "Most experts recommend treating solitary plasmacytomas with doses of 40 to 50 Gy encompassing all disease with a margin of normal tissue.",
        figures: [StatementFigure(key: "dose", printed: "40 to 50 Gy", value: 40, upperValue: 50, unit: "Gy", qualifier: .range)],
        topics: ["radiation", "bone-lesions"],
        related: ["treatment-response/radiation"],
        note: "Seed 002 prints this dose as \"40-50 cGy\"; seed 004 (40 to 50 Gy) is authoritative and seed 002 is not used.")

    /// Seed 004, Radiation Therapy — External Beam Radiation: "more than half".
    public static let radiationResponse = EvidenceStatement(
        id: "radiation-response",
        source: s004("Radiation Therapy — External Beam Radiation"),
        quote: "In our experience, more than half of patients treated with radiation will respond, and patients have excellent survival (Figure 3).",
        figures: [StatementFigure(key: "responded", printed: "more than half", value: 50, unit: "%", qualifier: .moreThan)],
        topics: ["radiation"],
        related: ["treatment-response/radiation"])

    /// Seed 003, "Autologous hematopoietic cell transplant offers best chance for recovery": 59 patients, >90%, 75%.
    public static let hctLargestSeries = EvidenceStatement(
        id: "hct-largest-series",
        source: s003("Autologous hematopoietic cell transplant offers best chance for recovery"),
        quote: "In the largest series to date, of 59 patients with POEMS who underwent HCT, more than 90% responded to treatment, and 5-year progression-free survival was 75%.",
        figures: [
            StatementFigure(key: "patients", printed: "59 patients", value: 59, unit: "patients"),
            StatementFigure(key: "responded", printed: "more than 90%", value: 90, unit: "%", qualifier: .moreThan),
            StatementFigure(key: "progressionFreeSurvival5Year", printed: "75%", value: 75, unit: "%"),
        ],
        topics: ["transplant", "systemic-therapy"],
        related: ["transplant-response"])

    /// Seed 003, same section: "75% to 90%" symptom-free by "3 years".
    public static let lenalidomideDexamethasone = EvidenceStatement(
        id: "lenalidomide-dexamethasone",
        source: s003("Autologous hematopoietic cell transplant offers best chance for recovery"),
        quote: "In studies, a combination of lenalidomide and dexamethasone typically produces rapid relief, with 75% to 90% of patients symptom-free by 3 years.",
        figures: [
            StatementFigure(key: "symptomFree", printed: "75% to 90%", value: 75, upperValue: 90, unit: "%", qualifier: .range),
            StatementFigure(key: "timeframe", printed: "3 years", value: 3, unit: "years"),
        ],
        topics: ["immunomodulatory-drugs", "systemic-therapy"])

    /// Every statement, in a stable order.
    public static let all: [EvidenceStatement] = [
        noRandomizedTrials, limitedAreaRadiation, widespreadSystemicTherapy, ivigPlasmapheresisNoBenefit,
        cidpMisdiagnosisTherapies, cidpImmunomodulatoryTherapies, corticosteroids, corticosteroidsTemporizing,
        cyclophosphamide, melphalanPrednisone, melphalanSecondaryMalignancy, melphalanAfterHarvest,
        stemCellsBeforeAlkylators, transplantEmerging, transplantIntensiveCare, transplantMortality,
        transplantMortalityComparison, radiationFirstLine, radiationDose, radiationResponse,
        hctLargestSeries, lenalidomideDexamethasone,
    ]

    /// The statement with this id, if any.
    public static func statement(id: String) -> EvidenceStatement? {
        all.first { $0.id == id }
    }

    /// The payload for `GET /v1/evidence/statements`.
    public static let payload = EvidenceStatementsPayload(
        id: "statements",
        title: "Sourced statements about therapy",
        citation: "Quoted from seed 004 (Dispenzieri, Mayo Clinic review of POEMS syndrome) and seed 003 (Cleveland Clinic consult article).",
        sources: [SourceReference(seed: "004", section: "text"), SourceReference(seed: "003", section: "text")],
        statements: all,
        reminder: RetrospectiveReminder.text)
}

/// `GET /v1/evidence/statements`.
public struct EvidenceStatementsPayload: Sendable, Encodable {
    public let id: String
    public let title: String
    public let citation: String
    public let sources: [SourceReference]
    public let statements: [EvidenceStatement]
    public let reminder: String
}
