/// A test or examination that would settle an undetermined criterion: one
/// entry of `EvaluationReport.suggestedWorkup`.
///
/// JSON:
///
/// ```json
/// {"criterion": "scleroticBoneLesions", "test": "...", "source": "...",
///  "criteriaSets": ["imwg-2014", "dispenzieri-2003"]}
/// ```
///
/// The report holds one entry per criterion that is undetermined in at least
/// one criteria set; `criteriaSets` lists those sets, the headline set first.
/// The texts name only tests the sources name. They inform; they do not
/// prescribe.
public struct WorkupSuggestion: Codable, Sendable, Equatable {
    /// The criterion id, e.g. `"scleroticBoneLesions"`.
    public var criterion: String
    /// The test or examination, in words.
    public var test: String
    /// Where the text comes from.
    public var source: String
    /// The sets in which the criterion is undetermined.
    public var criteriaSets: [CriteriaSetID]

    public init(criterion: String, test: String, source: String, criteriaSets: [CriteriaSetID]) {
        self.criterion = criterion
        self.test = test
        self.source = source
        self.criteriaSets = criteriaSets
    }
}

/// The workup texts, per criterion id.
enum Workup {
    /// The test and its source for a criterion, or `nil` for an unknown id.
    static func text(for criterion: String, settings: EvaluationSettings) -> (test: String, source: String)? {
        switch criterion {
        case "polyneuropathy":
            // seed 003: "Electromyography and nerve conduction studies are required to characterize the neuropathy."
            return ("Electromyography and nerve conduction studies, which are required to characterize the neuropathy.",
                    "seed 003 (work-up: neurophysiologic studies)")
        case "monoclonalPlasmaCellDisorder":
            // seed 004, Monoclonal plasmaproliferative disorder; seed 003, paraprotein testing
            return ("Serum protein electrophoresis with immunofixation, the serum immunoglobulin free light chain assay, and immunofixation of the urine. The monoclonal protein is small and is missed by serum protein electrophoresis in nearly one third of patients if immunofixation is not also done. Fewer than 10% of patients have no circulating monoclonal protein but have biopsy proof of a plasmacytoma; biopsy of a sclerotic lesion shows clonal plasma cells.",
                    "seed 004, Monoclonal plasmaproliferative disorder; seed 003 (work-up: paraprotein testing)")
        case "scleroticBoneLesions":
            // seed 003, radiography; seed 004, Sclerotic bone lesions
            return ("Skeletal imaging (radiography). Lesions may be modest in size and misinterpreted as benign; a small sclerotic rim surrounding a large lytic lesion is easily overlooked. The pelvis, spine, ribs and proximal extremities are most often involved.",
                    "seed 003 (work-up: radiography); seed 004, Sclerotic bone lesions")
        case "castlemanDisease":
            // seed 004, Organomegaly: "many patients do not undergo lymph node biopsies"
            return ("Lymph node biopsy. Castleman disease is documented in 11–30% of patients, likely an underestimate because many patients do not undergo lymph node biopsies.",
                    "seed 004, Organomegaly")
        case "vegfElevated":
            // seed 003 (elevated VEGF); thresholds REFERENCES.md
            return ("Serum or plasma VEGF level. Elevated means above the laboratory's own upper limit or, by default, plasma VEGF above 200 pg/mL or serum VEGF above 1040 pg/mL.",
                    "seed 003 (elevated VEGF); REFERENCES.md (thresholds: Dispenzieri, Blood 2012, Table 1 footnote; Misawa et al., BMJ Open 2015;5:e009157)")
        case "organomegaly":
            // seed 004, Organomegaly
            return ("Examination for hepatomegaly (a palpable liver), splenomegaly and lymphadenopathy.",
                    "seed 004, Organomegaly; Table 1")
        case "extravascularVolumeOverload":
            // seed 004, Extravascular volume overload
            return ("Examination for pitting edema of the lower extremities, ascites and pleural effusion.",
                    "seed 004, Extravascular volume overload (edema, effusions, ascites)")
        case "endocrinopathy":
            // seed 003, endocrine evaluation; seed 004, Endocrinopathy; Table 1, footnote ‡
            return ("Endocrine evaluation: adrenal, thyroid, pituitary, gonadal, parathyroid and pancreatic (diabetes mellitus). Diabetes mellitus or a thyroid abnormality alone does not meet the criterion.",
                    "seed 003 (work-up: endocrine evaluation); seed 004, Endocrinopathy; Table 1, footnote ‡")
        case "skinChanges":
            // seed 004, Skin changes; flushing from REFERENCES.md, updated criteria
            return ("Skin examination for hyperpigmentation, hypertrichosis (coarse, longer than normal, black hair on the extremities), hemangiomata, plethora, acrocyanosis and white nails, and flushing (listed by the updated criteria).",
                    "seed 004, Skin changes; REFERENCES.md, updated criteria (flushing)")
        case "papilledema":
            // seed 003, fundoscopy; seed 004, Papilledema
            return ("Fundoscopy for optic disc edema (usually bilateral). Patients are most commonly asymptomatic.",
                    "seed 003 (work-up: fundoscopy); seed 004, Papilledema")
        case "thrombocytosisOrPolycythemia":
            // seed 004, Table 2 (polycythemia thresholds); REFERENCES.md (platelet threshold)
            let limit = formatNumber(settings.thrombocytosisThresholdPerNanoliter)
            return ("Platelet count and hemoglobin. Thrombocytosis: platelet count above \(limit) × 10^9/L (the threshold used by this server). Polycythemia: hemoglobin above 15 g/dL in females, above 17 g/dL in males.",
                    "seed 004, Table 2 (polycythemia); REFERENCES.md (thrombocytosis: conventional upper limit 450 × 10^9/L, configurable)")
        default:
            return nil
        }
    }
}
