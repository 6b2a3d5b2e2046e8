/// AL amyloidosis in the differential (seed 002, Differential Diagnoses;
/// seed 004, Peripheral neuropathy and Renal failure; REFERENCES.md, the
/// amyloid screening-biopsy figures):
///
/// - amyloid on any biopsy (`amyloidOnBiopsy: true`, or an `amyloidBiopsies`
///   entry with `amyloid`): open, tissue proof;
/// - looked for and not found, with no negative organ biopsy (kidney, heart,
///   liver, nerve), a monoclonal plasma cell disorder and a picture that fits
///   (``alPicture``): open, because a negative screening biopsy misses AL in
///   a quarter or more of patients; `toExclude` names an organ biopsy;
/// - not looked for at all: open when polyneuropathy and a monoclonal plasma
///   cell disorder are present and IMWG 2014 is not met.
extension DifferentialRules {
    // seed 004: nerve biopsies show no immunoglobulin or amyloid deposition; no light chain deposition in the kidney
    static let amyloidSeed004 = "Seed 004: in POEMS, nerve biopsies show no immunoglobulin or amyloid deposition, and light chain deposition is observed in neither the renal tubules nor the glomeruli."
    // REFERENCES.md, When the M-protein counts as absent (Eur J Haematol 2020, PubMed 32495369; Diseases 2021;9(2):40)
    static let screeningBiopsyFigures = "A negative screening biopsy does not exclude AL amyloidosis: in 471 patients of the UK National Amyloidosis Centre, abdominal fat aspiration found amyloid in 73.2% of AL patients, bone marrow biopsy in 59.7%, the two together in 82.9% (Eur J Haematol 2020, PubMed 32495369); systemic AL has been proven at autopsy after a negative fat-pad biopsy (Diseases 2021;9(2):40)."
    static let amyloidSources = [
        "seed 002, Differential Diagnoses", "seed 004, Peripheral neuropathy", "seed 004, Renal failure",
        "REFERENCES.md, amyloid screening biopsies (Eur J Haematol 2020, PubMed 32495369; Diseases 2021;9(2):40)",
    ]

    static func alAmyloidosis(_ context: EvaluationContext) -> (DifferentialEntry, Strength)? {
        let findings = context.findings
        let biopsies = findings.amyloidBiopsies ?? []
        let positive = biopsies.filter { $0.result == .amyloid }
        if findings.amyloidOnBiopsy == true || !positive.isEmpty {
            let sites = positive.isEmpty ? "" : " (" + WarningRules.list(positive.map(\.site.words)) + ")"
            return (DifferentialEntry(
                condition: .alAmyloidosis,
                reasons: ["Amyloid is reported on a tissue biopsy\(sites).", amyloidSeed004],
                toExclude: ["Review of the biopsy with the plasma cell work-up (serum and urine immunofixation, serum free light chains): amyloid deposition is not a feature of POEMS syndrome (seed 004)."],
                sources: amyloidSources), .definitionMet)
        }
        if findings.amyloidOnBiopsy != nil || !biopsies.isEmpty {
            // Looked for, not found: open only where a screening biopsy leaves AL open (REFERENCES.md).
            let picture = alPicture(context)
            guard !biopsies.contains(where: \.site.isOrganBiopsy), context.status(.monoclonalPlasmaCellDisorder) == .met,
                  !picture.isEmpty else { return nil }
            let negative = biopsies.isEmpty
                ? "A biopsy without amyloid is reported, its site not given, and no organ biopsy (kidney, heart, liver or nerve) is reported."
                : "Biopsy without amyloid: \(WarningRules.list(biopsies.map(\.site.words))); none of an affected organ (kidney, heart, liver or nerve)."
            return (DifferentialEntry(
                condition: .alAmyloidosis,
                reasons: [negative, "A monoclonal plasma cell disorder with a picture that fits AL amyloidosis: \(WarningRules.list(picture)).", screeningBiopsyFigures],
                toExclude: [organBiopsy(context) + " " + amyloidSeed004],
                sources: amyloidSources), .pointsTo)
        }
        guard context.status(.polyneuropathy) == .met,
              context.status(.monoclonalPlasmaCellDisorder) == .met,
              context.evaluation(.imwg2014).verdict != .meets else { return nil }
        return (DifferentialEntry(
            condition: .alAmyloidosis,
            reasons: [
                "Polyneuropathy with a monoclonal plasma cell disorder, the IMWG 2014 criteria not met, and no biopsy reported as examined for amyloid.",
                // seed 002, Differential Diagnoses
                "Seed 002: amyloidosis is another condition that can present with peripheral neuropathy and a monoclonal gammopathy.",
            ],
            toExclude: ["A tissue biopsy examined for amyloid (report its site and result). " + amyloidSeed004],
            sources: amyloidSources), .notExcluded)
    }

    /// The findings of the case that fit AL amyloidosis, among those
    /// REFERENCES.md names (a light chain, nephrotic-range proteinuria or
    /// renal failure, heart failure, hepatomegaly, autonomic neuropathy) that
    /// the inputs carry: a light-chain-only protein, creatinine above 2 mg/dL,
    /// cardiomyopathy, hepatomegaly.
    static func alPicture(_ context: EvaluationContext) -> [String] {
        let findings = context.findings
        var picture: [String] = []
        if findings.monoclonalHeavyChain == .lightChainOnly { picture.append("a light-chain-only monoclonal protein") }
        if context.labs.flags[.renalInsufficiency]?.status == .met, let creatinine = context.input.labs?.creatinineMgPerDl {
            picture.append("renal failure (creatinine \(formatNumber(creatinine)) mg/dL, above 2 mg/dL)")
        }
        if findings.cardiomyopathy == true { picture.append("cardiomyopathy (heart failure)") }
        if case .parts(let parts)? = findings.organomegaly, parts.hepatomegaly == true { picture.append("hepatomegaly") }
        return picture
    }

    /// The organ biopsy that would examine the organ the picture points to
    /// (REFERENCES.md: an organ biopsy examines the organ itself).
    static func organBiopsy(_ context: EvaluationContext) -> String {
        let findings = context.findings
        var organs: [String] = []
        if context.labs.flags[.renalInsufficiency]?.status == .met { organs.append("kidney") }
        if findings.cardiomyopathy == true { organs.append("heart") }
        if case .parts(let parts)? = findings.organomegaly, parts.hepatomegaly == true { organs.append("liver") }
        if context.status(.polyneuropathy) == .met { organs.append("nerve") }
        if organs.isEmpty { organs = ["kidney", "heart", "liver", "nerve"] }
        let which = organs.count == 1 ? organs[0] : organs.dropLast().joined(separator: ", ") + " or " + organs.last!
        return "Biopsy of an affected organ (\(which)) examined for amyloid: it examines the organ itself, where a negative fat-pad, bone-marrow or rectal biopsy does not exclude AL amyloidosis (REFERENCES.md)."
    }
}
