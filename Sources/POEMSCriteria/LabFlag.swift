/// Laboratory comparisons that feed the warnings and the differential rather
/// than a criterion. Each is reported in `derivations` with its threshold and
/// source.
///
/// - `anemia`: hemoglobin below 10 g/dL (REFERENCES.md: the IMWG 2014 anemia
///   figure, Rajkumar et al., Lancet Oncol 2014;15:e538–e548).
/// - `thrombocytopenia`: platelets below
///   ``EvaluationSettings/thrombocytopeniaThresholdPerNanoliter``, 150 × 10^9/L
///   by default (REFERENCES.md: the conventional lower limit; configurable).
/// - `hypercalcemia`: serum calcium above 11 mg/dL (REFERENCES.md, IMWG 2014).
/// - `renalInsufficiency`: serum creatinine above 2 mg/dL (REFERENCES.md, IMWG 2014).
/// - `marrowPlasmaCells10PercentOrMore`: bone-marrow clonal plasma cells at
///   10% or more: the *requirement* of the IMWG 2014 definition of multiple
///   myeloma, not a myeloma-defining event (REFERENCES.md).
/// - `marrowPlasmaCells60PercentOrMore`: at 60% or more, a biomarker of
///   malignancy, a myeloma-defining event (REFERENCES.md, IMWG 2014).
/// - `freeLightChainRatio100OrMore`: the involved/uninvolved serum free light
///   chain ratio at 100 or more, and `involvedFreeLightChain100OrMore`: the
///   involved light chain at 100 mg/L or more; both together are a
///   myeloma-defining event (REFERENCES.md, IMWG 2014).
///
/// The creatinine-clearance and "above the upper limit of normal" criteria of
/// IMWG 2014 are not computed: the inputs do not carry them. Osteolytic
/// lesions and MRI focal lesions are findings (``MyelomaDefinition``).
enum LabFlag: String, CaseIterable, Sendable {
    case anemia
    case thrombocytopenia
    case hypercalcemia
    case renalInsufficiency
    case marrowPlasmaCells10PercentOrMore
    case marrowPlasmaCells60PercentOrMore
    case freeLightChainRatio100OrMore
    case involvedFreeLightChain100OrMore

    static let imwgSource = "REFERENCES.md, myeloma-defining features (IMWG 2014: Rajkumar SV et al., Lancet Oncol 2014;15:e538–e548)"
    static let thrombocytopeniaDefaultSource = "REFERENCES.md: platelets below 150 × 10^9/L, the conventional lower limit (no source in the seeds; configurable)"
    static let thrombocytopeniaSettingSource = "Server setting (thrombocytopeniaThresholdPerNanoliter); REFERENCES.md: the conventional lower limit is 150 × 10^9/L (no source in the seeds)"
}

extension LabDerivations {
    /// Hemoglobin below which anemia is flagged, g/dL.
    // REFERENCES.md: IMWG 2014 anemia, hemoglobin below 10 g/dL
    static let anemiaHemoglobin: Double = 10
    /// Calcium above which hypercalcemia is flagged, mg/dL.
    // REFERENCES.md: IMWG 2014 hypercalcemia, serum calcium above 11 mg/dL (2.75 mmol/L)
    static let hypercalcemiaCalcium: Double = 11
    /// Creatinine above which renal insufficiency is flagged, mg/dL.
    // REFERENCES.md: IMWG 2014 renal insufficiency, serum creatinine above 2 mg/dL (177 µmol/L)
    static let renalInsufficiencyCreatinine: Double = 2
    /// Marrow clonal plasma cells at or above which the flag is set, %.
    // REFERENCES.md: IMWG 2014, clonal bone-marrow plasma cells 10% or more
    static let marrowPlasmaCellPercent: Double = 10
    /// Marrow clonal plasma cells at or above which a myeloma-defining event is flagged, %.
    // REFERENCES.md: IMWG 2014 biomarker of malignancy, clonal bone-marrow plasma cells 60% or more
    static let marrowPlasmaCellBiomarkerPercent: Double = 60
    /// Involved/uninvolved free light chain ratio at or above which the biomarker's ratio part is met.
    // REFERENCES.md: IMWG 2014 biomarker, involved/uninvolved serum free light chain ratio 100 or more
    static let freeLightChainRatio: Double = 100
    /// Involved free light chain at or above which the biomarker's second part is met, mg/L.
    // REFERENCES.md: IMWG 2014 biomarker, the involved light chain at least 100 mg/L
    static let involvedFreeLightChain: Double = 100

    mutating func deriveFlags(labs: Labs, settings: EvaluationSettings) {
        if let value = labs.hemoglobinGPerDl {
            flag(.anemia, field: "hemoglobinGPerDl", label: "Hemoglobin", value: value, unit: "g/dL",
                 threshold: LabThreshold(value: Self.anemiaHemoglobin, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "less-than", origin: "IMWG 2014 anemia")
        }
        if let value = labs.plateletCount10e9PerL {
            let limit = settings.thrombocytopeniaThresholdPerNanoliter
            let isDefault = limit == EvaluationSettings.defaultThrombocytopeniaThresholdPerNanoliter
            flag(.thrombocytopenia, field: "plateletCount10e9PerL", label: "Platelet count", value: value, unit: "10^9/L",
                 threshold: LabThreshold(
                    value: limit, appliesTo: nil, origin: isDefault ? .default : .serverSetting,
                    source: isDefault ? LabFlag.thrombocytopeniaDefaultSource : LabFlag.thrombocytopeniaSettingSource),
                 comparison: "less-than",
                 origin: isDefault ? "default threshold, the conventional lower limit" : "threshold set on this server")
        }
        if let value = labs.calciumMgPerDl {
            flag(.hypercalcemia, field: "calciumMgPerDl", label: "Calcium", value: value, unit: "mg/dL",
                 threshold: LabThreshold(value: Self.hypercalcemiaCalcium, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "greater-than", origin: "IMWG 2014 hypercalcemia")
        }
        if let value = labs.creatinineMgPerDl {
            flag(.renalInsufficiency, field: "creatinineMgPerDl", label: "Creatinine", value: value, unit: "mg/dL",
                 threshold: LabThreshold(value: Self.renalInsufficiencyCreatinine, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "greater-than", origin: "IMWG 2014 renal insufficiency")
        }
        if let value = labs.boneMarrowPlasmaCellPercent {
            flag(.marrowPlasmaCells10PercentOrMore, field: "boneMarrowPlasmaCellPercent", label: "Bone-marrow clonal plasma cells",
                 value: value, unit: "%",
                 threshold: LabThreshold(value: Self.marrowPlasmaCellPercent, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "greater-than-or-equal", origin: "IMWG 2014 requirement for multiple myeloma, not a myeloma-defining event; without one, 10–60% is smouldering myeloma")
            flag(.marrowPlasmaCells60PercentOrMore, field: "boneMarrowPlasmaCellPercent", label: "Bone-marrow clonal plasma cells",
                 value: value, unit: "%",
                 threshold: LabThreshold(value: Self.marrowPlasmaCellBiomarkerPercent, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "greater-than-or-equal", origin: "IMWG 2014 biomarker of malignancy, a myeloma-defining event")
        }
        if let value = labs.serumFreeLightChainRatio {
            flag(.freeLightChainRatio100OrMore, field: "serumFreeLightChainRatio", label: "The involved/uninvolved serum free light chain ratio",
                 value: value, unit: "ratio",
                 threshold: LabThreshold(value: Self.freeLightChainRatio, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "greater-than-or-equal", origin: "IMWG 2014 biomarker of malignancy, with the involved light chain at 100 mg/L or more")
        }
        if let value = labs.involvedFreeLightChainMgPerL {
            flag(.involvedFreeLightChain100OrMore, field: "involvedFreeLightChainMgPerL", label: "The involved serum free light chain",
                 value: value, unit: "mg/L",
                 threshold: LabThreshold(value: Self.involvedFreeLightChain, appliesTo: nil, origin: .default, source: LabFlag.imwgSource),
                 comparison: "greater-than-or-equal", origin: "IMWG 2014 biomarker of malignancy, with a ratio of 100 or more")
        }
    }

    private mutating func flag(
        _ flag: LabFlag, field: String, label: String, value: Double, unit: String,
        threshold: LabThreshold, comparison: String, origin: String)
    {
        let met: Bool
        let relation: String
        switch comparison {
        case "less-than":
            met = value < threshold.value
            relation = met ? "below" : "at or above"
        case "greater-than-or-equal":
            met = value >= threshold.value
            relation = met ? "at or above" : "below"
        default:
            met = value > threshold.value
            relation = met ? "above" : "at or below"
        }
        let shownUnit = unit == "10^9/L" ? " × 10^9/L" : unit == "ratio" ? "" : unit == "%" ? "%" : " " + unit
        let text = "\(label) \(formatNumber(value))\(shownUnit) is \(relation) \(formatNumber(threshold.value))\(shownUnit) (\(origin))"
        let status: CriterionStatus = met ? .met : .notMet
        derivations.append(LabDerivation(
            finding: flag.rawValue, labField: field, value: value, unit: unit, comparison: comparison,
            thresholds: [threshold], result: status, applied: true, explanation: text + "."))
        flags[flag] = LabFindingResult(status: status, summary: text, sources: [threshold.source])
    }
}
