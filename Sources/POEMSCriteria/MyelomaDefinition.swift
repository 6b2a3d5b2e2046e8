/// The IMWG 2014 definition of multiple myeloma applied to a case
/// (REFERENCES.md, "Telling POEMS from its mimics": Rajkumar SV et al.,
/// Lancet Oncol 2014;15:e538–e548). Two parts, both required:
///
/// 1. the **requirement**: clonal bone-marrow plasma cells 10% or more, or a
///    biopsy-proven bony or extramedullary plasmacytoma (the inputs carry no
///    plasmacytoma, so only the marrow decides it here);
/// 2. at least one **myeloma-defining event**: hypercalcemia (calcium above
///    11 mg/dL), renal insufficiency (creatinine above 2 mg/dL), anemia
///    (hemoglobin below 10 g/dL), one or more osteolytic bone lesions, or a
///    biomarker of malignancy: clonal marrow plasma cells 60% or more, an
///    involved/uninvolved free light chain ratio of 100 or more with the
///    involved light chain at 100 mg/L or more, more than one focal lesion on
///    MRI.
///
/// Clonal marrow plasma cells of 10% or more are the requirement, never an
/// event; 10–60% without an event is smouldering myeloma (REFERENCES.md).
struct MyelomaDefinition: Sendable {
    /// The myeloma-defining events present, each in words.
    let events: [String]
    /// Bone-marrow clonal plasma cells, when given.
    let marrowPercent: Double?

    static let source = "REFERENCES.md, multiple myeloma (IMWG 2014: Rajkumar SV et al., Lancet Oncol 2014;15:e538–e548)"

    init(input: CaseInput, labs: LabDerivations) {
        let findings = input.findings
        func met(_ flag: LabFlag) -> String? {
            labs.flags[flag].flatMap { $0.status == .met ? $0.summary : nil }
        }
        var events: [String] = []
        // REFERENCES.md, IMWG 2014: the CRAB features
        events += [LabFlag.hypercalcemia, .renalInsufficiency, .anemia].compactMap(met)
        if findings.osteolyticBoneLesions == true {
            events.append("Osteolytic bone lesions reported (IMWG 2014 bone lesions; not the sclerotic lesions of POEMS)")
        }
        // REFERENCES.md, IMWG 2014: the biomarkers of malignancy
        if let marrow = met(.marrowPlasmaCells60PercentOrMore) { events.append(marrow) }
        if met(.freeLightChainRatio100OrMore) != nil, met(.involvedFreeLightChain100OrMore) != nil,
           let ratio = input.labs?.serumFreeLightChainRatio, let involved = input.labs?.involvedFreeLightChainMgPerL
        {
            events.append("Involved/uninvolved serum free light chain ratio \(formatNumber(ratio)), 100 or more, with the involved light chain at \(formatNumber(involved)) mg/L, 100 mg/L or more (IMWG 2014 biomarker of malignancy)")
        }
        if let count = findings.mriFocalLesions, count > 1 {
            events.append("\(count) focal lesions on MRI, more than one (IMWG 2014 biomarker of malignancy)")
        }
        self.events = events
        marrowPercent = input.labs?.boneMarrowPlasmaCellPercent
    }

    /// Whether the requirement is met by the marrow: `nil` when the marrow is
    /// not given.
    var requirementMet: Bool? {
        marrowPercent.map { $0 >= LabDerivations.marrowPlasmaCellPercent }
    }

    /// The requirement, in words.
    var requirementText: String {
        guard let marrow = marrowPercent else {
            return "The requirement (clonal bone-marrow plasma cells 10% or more, or a biopsy-proven plasmacytoma) is not established: no bone-marrow plasma cell percentage is given."
        }
        if marrow >= LabDerivations.marrowPlasmaCellPercent {
            return "The requirement is met: clonal bone-marrow plasma cells \(formatNumber(marrow))%, 10% or more (a requirement, not a myeloma-defining event)."
        }
        return "The requirement is not met by the marrow: clonal bone-marrow plasma cells \(formatNumber(marrow))%, below 10%; only a biopsy-proven plasmacytoma would meet it."
    }
}

extension EvaluationContext {
    /// The IMWG 2014 definition of multiple myeloma on this case.
    var myeloma: MyelomaDefinition {
        MyelomaDefinition(input: input, labs: labs)
    }
}
