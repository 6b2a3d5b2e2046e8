/// Builds `suggestedWorkup`: the tests that would settle the undetermined
/// criteria, the tests that exclude the open mimics or complete the work-up,
/// ranked in clinical order (``WorkupStage``).
enum WorkupPlan {
    static func suggestions(_ context: EvaluationContext, differential: [DifferentialEntry]) -> [WorkupSuggestion] {
        var suggestions = criterionItems(context)
        suggestions += extraItems(context, differential: differential)
        // Clinical order: stage, then the item that could decide more sets, then as built.
        let ordered = suggestions.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.stage.rank != y.stage.rank { return x.stage.rank < y.stage.rank }
            if x.criteriaSets.count != y.criteriaSets.count { return x.criteriaSets.count > y.criteriaSets.count }
            return a.offset < b.offset
        }.map(\.element)
        return ordered.enumerated().map { index, item in
            var item = item
            item.priority = index + 1
            return item
        }
    }

    /// One item per criterion undetermined in at least one set, headline set
    /// first; plus the M-protein tests when the protein may have been missed.
    private static func criterionItems(_ context: EvaluationContext) -> [WorkupSuggestion] {
        let ordered = context.evaluations.filter { $0.criteriaSet == context.headline }
            + context.evaluations.filter { $0.criteriaSet != context.headline }
        var suggestions: [WorkupSuggestion] = []
        func add(_ criterion: String, sets: [CriteriaSetID]) {
            guard !sets.isEmpty, let text = Workup.text(for: criterion, settings: context.settings, input: context.input) else { return }
            suggestions.append(WorkupSuggestion(
                id: criterion, criterion: criterion, name: text.name, test: text.test, source: text.source,
                criteriaSets: sets, stage: text.stage))
        }
        var sets: [String: [CriteriaSetID]] = [:]
        var order: [String] = []
        for evaluation in ordered {
            for criterion in evaluation.undetermined {
                if sets[criterion] == nil { order.append(criterion) }
                sets[criterion, default: []].append(evaluation.criteriaSet)
            }
        }
        // seed 004: an M-protein reported absent on electrophoresis alone may have been missed;
        // list the sets whose verdict would change if it were present.
        let findings = context.findings
        if findings.monoclonalPlasmaCellDisorder == false,
           !(findings.mProteinTests ?? MProteinTests()).sensitiveTestsNotDone.isEmpty
        {
            var present = context.input
            present.findings.monoclonalPlasmaCellDisorder = true
            let recheck = CriteriaEngine(settings: context.settings).verdicts(present)
            let changed = ordered.map(\.criteriaSet).filter { recheck[$0] != context.evaluation($0).verdict }
            if !changed.isEmpty {
                order.insert("monoclonalPlasmaCellDisorder", at: 0)
                sets["monoclonalPlasmaCellDisorder"] = changed
            }
        }
        for criterion in order { add(criterion, sets: sets[criterion] ?? []) }
        return suggestions
    }

    /// Tests that settle no criterion but exclude a mimic or complete the work-up.
    private static func extraItems(_ context: EvaluationContext, differential: [DifferentialEntry]) -> [WorkupSuggestion] {
        let findings = context.findings
        var items: [WorkupSuggestion] = []
        let open = differential.map(\.condition)

        // seed 000 (bone marrow biopsy); seed 004, Monoclonal plasmaproliferative disorder; REFERENCES.md, IMWG 2014
        if context.status(.monoclonalPlasmaCellDisorder) == .met, context.input.labs?.boneMarrowPlasmaCellPercent == nil,
           context.anySetOpen || open.contains(.multipleMyeloma)
        {
            items.append(WorkupSuggestion(
                id: "bone-marrow-biopsy", criterion: nil, name: "bone marrow biopsy",
                test: "Bone marrow biopsy for the percentage of clonal plasma cells. Seed 004: in POEMS the number of plasma cells is low (median 5%), a clonal infiltrate may or may not be present, and the marrow is frequently reported as reactive or as a myeloproliferative disorder; 10% or more clonal plasma cells is a myeloma-defining feature (IMWG 2014).",
                source: "seed 000 (biopsy of bone marrow); seed 004, Monoclonal plasmaproliferative disorder; REFERENCES.md, myeloma-defining features (IMWG 2014)",
                criteriaSets: [], stage: .targeted))
        }
        // seed 003 (cardiopulmonary evaluation); seed 000 (breathing tests, echocardiograms); seed 004, Pulmonary dysfunction
        if context.anySetOpen, findings.pulmonaryHypertension == nil || findings.restrictiveLungDisease == nil {
            items.append(WorkupSuggestion(
                id: "cardiopulmonary-evaluation", criterion: nil, name: "cardiopulmonary evaluation",
                test: "Cardiopulmonary evaluation: breathing tests and an echocardiogram. Seed 004: pulmonary hypertension, restrictive lung disease and impaired diffusion capacity of carbon monoxide may occur; in the Mayo transplant series more than 90% of patients had abnormal pulmonary function tests.",
                source: "seed 003 (work-up: cardiopulmonary evaluation); seed 000 (breathing tests, echocardiograms); seed 004, Pulmonary dysfunction",
                criteriaSets: [], stage: .targeted))
        }
        // seed 004, Monoclonal plasmaproliferative disorder and Surgery: biopsy of a sclerotic lesion
        if findings.scleroticBoneLesions == true, context.status(.monoclonalPlasmaCellDisorder) != .met,
           findings.mProteinTests?.lesionBiopsy != true
        {
            items.append(WorkupSuggestion(
                id: "lesion-biopsy", criterion: nil, name: "biopsy of a sclerotic lesion",
                test: "Biopsy of a sclerotic bone lesion, after the blood and urine tests. Seed 004: clonal plasma cells are detected on biopsy of sclerotic lesions; fewer than 10% of patients have no circulating monoclonal protein but biopsy proof of a plasmacytoma, typically monoclonal lambda; an open or closed biopsy of a sclerotic lesion is a common approach to document the diagnosis.",
                source: "seed 004, Monoclonal plasmaproliferative disorder; seed 004, Surgery",
                criteriaSets: [], stage: .invasive))
        }
        // seed 002, Differential Diagnoses; seed 004, Peripheral neuropathy and Renal failure
        if open.contains(.alAmyloidosis), findings.amyloidOnBiopsy == nil {
            items.append(WorkupSuggestion(
                id: "amyloid-biopsy", criterion: nil, name: "a tissue biopsy examined for amyloid",
                test: "A tissue biopsy examined for amyloid, to exclude amyloidosis (seed 002). Seed 004: in POEMS, nerve biopsies show no immunoglobulin or amyloid deposition.",
                source: "seed 002, Differential Diagnoses; seed 004, Peripheral neuropathy",
                criteriaSets: [], stage: .invasive))
        }
        return items
    }
}
