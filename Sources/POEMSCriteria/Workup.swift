/// A test or examination that would settle an undetermined criterion or
/// exclude a mimic: one entry of `EvaluationReport.suggestedWorkup`.
///
/// JSON:
///
/// ```json
/// {"id": "scleroticBoneLesions", "criterion": "scleroticBoneLesions", "name": "skeletal imaging (X-rays and CT)",
///  "test": "...", "source": "...", "criteriaSets": ["imwg-2014", "dispenzieri-2003"],
///  "stage": "non-invasive", "priority": 1}
/// ```
///
/// The report holds one entry per criterion that is undetermined in at least
/// one criteria set (`criteriaSets` lists those sets, the headline set first),
/// plus the tests that exclude a mimic or complete the work-up (`criterion`
/// is then `null`): `myeloma-staging`, `bone-marrow-biopsy`,
/// `anti-mag-antibodies`, `cardiopulmonary-evaluation`, `lesion-biopsy`,
/// `amyloid-biopsy`. `priority` ranks them in clinical order, 1 first (see
/// ``WorkupStage`` and ``WorkupPlan``). The texts name only tests the sources name.
/// They inform; they do not prescribe.
public struct WorkupSuggestion: Codable, Sendable, Equatable {
    /// A stable id: the criterion id, or the id of a test that settles no criterion.
    public var id: String
    /// The criterion id, e.g. `"scleroticBoneLesions"`; `nil` for a test that settles no criterion.
    public var criterion: String?
    /// The test in a few words, as used in the summary.
    public var name: String
    /// The test or examination, in words.
    public var test: String
    /// Where the text comes from.
    public var source: String
    /// The sets whose verdict the test could change.
    public var criteriaSets: [CriteriaSetID]
    public var stage: WorkupStage
    /// The rank in clinical order, 1 first.
    public var priority: Int

    /// Every member is written, `criterion` as `null` when the test settles
    /// no criterion (the contract says so; a synthesized encoder would omit it).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(criterion, forKey: .criterion)
        try container.encode(name, forKey: .name)
        try container.encode(test, forKey: .test)
        try container.encode(source, forKey: .source)
        try container.encode(criteriaSets, forKey: .criteriaSets)
        try container.encode(stage, forKey: .stage)
        try container.encode(priority, forKey: .priority)
    }

    public init(id: String, criterion: String?, name: String, test: String, source: String,
                criteriaSets: [CriteriaSetID], stage: WorkupStage, priority: Int = 0) {
        self.id = id
        self.criterion = criterion
        self.name = name
        self.test = test
        self.source = source
        self.criteriaSets = criteriaSets
        self.stage = stage
        self.priority = priority
    }
}

/// A work-up text: the test, its short name, its stage and its source.
struct WorkupText: Sendable {
    var name: String
    var test: String
    var source: String
    var stage: WorkupStage
}

/// The workup texts, per criterion id.
enum Workup {
    /// The test and its source for a criterion, or `nil` for an unknown id.
    /// `input`, when given, adapts the text to the case: the patient's sex
    /// asked for when hemoglobin is in the grey zone, a lymph node biopsy
    /// only when lymph nodes are enlarged.
    static func text(for criterion: String, settings: EvaluationSettings, input: CaseInput? = nil) -> WorkupText? {
        guard let (name, test, source, stage) = parts(for: criterion, settings: settings, input: input) else { return nil }
        return WorkupText(name: name, test: test, source: source, stage: stage)
    }

    private static func parts(for criterion: String, settings: EvaluationSettings, input: CaseInput?)
        -> (String, String, String, WorkupStage)?
    {
        switch criterion {
        case "polyneuropathy":
            // seed 003: "Electromyography and nerve conduction studies are required to characterize the neuropathy."
            return ("electromyography and nerve conduction studies", "Electromyography and nerve conduction studies, which are required to characterize the neuropathy.",
                    "seed 003 (work-up: neurophysiologic studies)", .nonInvasive)
        case "monoclonalPlasmaCellDisorder":
            if let text = mProteinGaps(input) { return text }
            // seed 004, Monoclonal plasmaproliferative disorder; seed 003, paraprotein testing
            return ("serum and urine immunofixation with serum free light chains", "Serum protein electrophoresis with immunofixation, the serum immunoglobulin free light chain assay, and immunofixation of the urine. The monoclonal protein is small and is missed by serum protein electrophoresis in nearly one third of patients if immunofixation is not also done. Fewer than 10% of patients have no circulating monoclonal protein but have biopsy proof of a plasmacytoma; biopsy of a sclerotic lesion shows clonal plasma cells.",
                    "seed 004, Monoclonal plasmaproliferative disorder; seed 003 (work-up: paraprotein testing)", .nonInvasive)
        case "scleroticBoneLesions":
            // seed 003, radiography; seed 000, X-rays and CT scans; seed 004, Sclerotic bone lesions
            return ("skeletal imaging (X-rays and CT)", "Skeletal imaging by X-rays and CT. Lesions may be modest in size and misinterpreted as benign; a small sclerotic rim surrounding a large lytic lesion is easily overlooked. The pelvis, spine, ribs and proximal extremities are most often involved.",
                    "seed 003 (work-up: radiography); seed 000 (imaging: X-rays and CT scans); seed 004, Sclerotic bone lesions", .nonInvasive)
        case "castlemanDisease":
            // seed 004, Organomegaly: "many patients do not undergo lymph node biopsies"; issue 9: a lymph node biopsy only when nodes are enlarged
            let documented = "Castleman disease is documented in 11–30% of patients, likely an underestimate because many patients do not undergo lymph node biopsies."
            if case .parts(let parts)? = input?.findings.organomegaly, parts.lymphadenopathy == true {
                return ("lymph node biopsy", "Lymph node biopsy of an enlarged lymph node (lymphadenopathy is reported). " + documented,
                        "seed 004, Organomegaly", .invasive)
            }
            return ("examination for enlarged lymph nodes", "Lymph node biopsy only if lymph nodes are enlarged: examine for lymphadenopathy first. " + documented,
                    "seed 004, Organomegaly", .targeted)
        case "vegfElevated":
            // seed 003 (elevated VEGF); thresholds REFERENCES.md
            return ("plasma VEGF", "Plasma VEGF level (serum VEGF runs higher than plasma because platelets release VEGF). Elevated means above the laboratory's own upper limit or, by default, plasma VEGF above 200 pg/mL (95% specific) or serum VEGF at or above 1040 pg/mL (normal below 1040).",
                    "seed 003 (elevated VEGF); REFERENCES.md (thresholds: Dispenzieri, Blood 2012, Table 1 footnote; Misawa et al., BMJ Open 2015;5:e009157)", .nonInvasive)
        case "organomegaly":
            // seed 004, Organomegaly
            return ("examination for hepatomegaly, splenomegaly and lymphadenopathy", "Examination for hepatomegaly (a palpable liver), splenomegaly and lymphadenopathy.",
                    "seed 004, Organomegaly; Table 1", .nonInvasive)
        case "extravascularVolumeOverload":
            // seed 004, Extravascular volume overload
            return ("examination for edema, ascites and pleural effusion", "Examination for pitting edema of the lower extremities, ascites and pleural effusion.",
                    "seed 004, Extravascular volume overload (edema, effusions, ascites)", .nonInvasive)
        case "endocrinopathy":
            // seed 003, endocrine evaluation; seed 004, Endocrinopathy; Table 1, footnote ‡
            return ("endocrine evaluation", "Endocrine evaluation: adrenal, thyroid, pituitary, gonadal, parathyroid and pancreatic (diabetes mellitus). Diabetes mellitus or a thyroid abnormality alone does not meet the criterion.",
                    "seed 003 (work-up: endocrine evaluation); seed 004, Endocrinopathy; Table 1, footnote ‡", .targeted)
        case "skinChanges":
            // seed 004, Skin changes; flushing from REFERENCES.md, updated criteria
            return ("skin examination", "Skin examination for hyperpigmentation, hypertrichosis (coarse, longer than normal, black hair on the extremities), hemangiomata, plethora, acrocyanosis and white nails, and flushing (listed by the updated criteria).",
                    "seed 004, Skin changes; REFERENCES.md, updated criteria (flushing)", .nonInvasive)
        case "papilledema":
            // seed 003, fundoscopy; seed 004, Papilledema
            return ("fundoscopy", "Fundoscopy for optic disc edema (usually bilateral). Patients are most commonly asymptomatic.",
                    "seed 003 (work-up: fundoscopy); seed 004, Papilledema", .targeted)
        case "thrombocytosisOrPolycythemia":
            // seed 004, Table 2 (polycythemia thresholds); REFERENCES.md (platelet threshold)
            let limit = formatNumber(settings.thrombocytosisThresholdPerNanoliter)
            let source = "seed 004, Table 2 (polycythemia); REFERENCES.md (thrombocytosis: conventional upper limit 450 × 10^9/L, configurable)"
            // Issue 9: hemoglobin in the grey zone without the sex asks for the sex, not the hemoglobin.
            if let hemoglobin = input?.labs?.hemoglobinGPerDl, input?.patient?.sex == nil,
               hemoglobin > LabDerivations.hemoglobinFemale, hemoglobin <= LabDerivations.hemoglobinMale
            {
                var test = "The patient's sex: hemoglobin \(formatNumber(hemoglobin)) g/dL is above the female threshold (15 g/dL) but not above the male threshold (17 g/dL), so the sex decides polycythemia; no new hemoglobin is needed."
                if input?.labs?.plateletCount10e9PerL == nil {
                    test += " A platelet count: thrombocytosis is a count above \(limit) × 10^9/L (the threshold used by this server)."
                }
                return ("the patient's sex", test, source, .nonInvasive)
            }
            return ("blood count (platelets and hemoglobin)", "Platelet count and hemoglobin. Thrombocytosis: platelet count above \(limit) × 10^9/L (the threshold used by this server). Polycythemia: hemoglobin above 15 g/dL in females, above 17 g/dL in males.",
                    source, .nonInvasive)
        default:
            return nil
        }
    }

    /// The M-protein item when the disorder is reported absent on a work-up
    /// that does not establish absence: the missing blood and urine tests, or,
    /// when only the biopsy of a sclerotic lesion is missing, that biopsy
    /// (REFERENCES.md, When the M-protein counts as absent; seed 004,
    /// Monoclonal plasmaproliferative disorder).
    private static func mProteinGaps(_ input: CaseInput?) -> (String, String, String, WorkupStage)? {
        guard let findings = input?.findings, findings.monoclonalPlasmaCellDisorder == false,
              let tests = findings.mProteinTests else { return nil }
        let lesion = findings.scleroticBoneLesions == true && tests.lesionBiopsy != true
        let missing = tests.sensitiveTestsNotDone
        let source = "seed 004, Monoclonal plasmaproliferative disorder; REFERENCES.md, When the M-protein counts as absent"
        if missing.isEmpty {
            guard lesion else { return nil }
            return ("biopsy of the sclerotic bone lesion", "Biopsy of the sclerotic bone lesion, looking for clonal plasma cells. Serum and urine immunofixation and the serum free light chain assay are reported done and negative, but fewer than 10% of patients have no circulating monoclonal protein and have biopsy proof of a plasmacytoma, typically monoclonal lambda; clonal plasma cells are found on biopsy of sclerotic lesions while the iliac-crest marrow may show none (seed 004). Until the lesion is biopsied the protein's absence is not established, and the result can change the verdict of every criteria set.",
                    source, .invasive)
        }
        let names = WarningRules.list(missing)
        var test = "Complete the search for the monoclonal protein: \(names) \(missing.count > 1 ? "are" : "is") not reported done, so its absence is not established. The monoclonal protein is small and is missed by serum protein electrophoresis in nearly one third of patients if immunofixation is not also done; the serum free light chain assay and immunofixation of the urine find more (seed 004)."
        if lesion {
            test += " If these are negative, biopsy the sclerotic bone lesion: fewer than 10% of patients have no circulating protein but biopsy proof of a plasmacytoma."
        }
        return ("the missing M-protein tests (\(names))", test, source + "; seed 003 (work-up: paraprotein testing)", .nonInvasive)
    }
}
