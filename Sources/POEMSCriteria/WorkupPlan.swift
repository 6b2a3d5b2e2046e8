/// Builds `suggestedWorkup`: the tests that would settle the undetermined
/// criteria, the tests that exclude the open mimics or complete the work-up,
/// ranked in clinical order (``WorkupStage``).
enum WorkupPlan {
    static let myelomaStagingID = "myeloma-staging"
    static let cardiopulmonaryID = "cardiopulmonary-evaluation"

    static func suggestions(_ context: EvaluationContext, differential: [DifferentialEntry]) -> [WorkupSuggestion] {
        var suggestions = criterionItems(context)
        suggestions += extraItems(context, differential: differential)
        // Clinical order: myeloma staging first when a myeloma-defining event is present (REFERENCES.md,
        // IMWG 2014: staging decides between myeloma and POEMS); then by stage; the cardiopulmonary
        // evaluation, which decides no criterion (seed 003 lists it in the work-up; seed 004, Pulmonary
        // dysfunction), after every test that can change a verdict or exclude a mimic (issue 21: a
        // myeloma, IgM or amyloid picture never leads with it); then the item that could decide more
        // sets; then as built.
        func rank(_ item: WorkupSuggestion) -> Int {
            switch item.id {
            case myelomaStagingID: -1
            case cardiopulmonaryID: WorkupStage.invasive.rank + 1
            default: item.stage.rank
            }
        }
        let ordered = suggestions.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if rank(x) != rank(y) { return rank(x) < rank(y) }
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
        // seed 004: an M-protein reported absent without the tests behind it is taken as reported but may
        // have been missed; list the sets whose verdict would change if it were present.
        let findings = context.findings
        if findings.monoclonalPlasmaCellDisorder == false, findings.mProteinTests == nil {
            let changed = setsDecidedByMProtein(context)
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

        // REFERENCES.md, multiple myeloma (IMWG 2014): with a myeloma-defining event, staging comes first
        // (it includes the bone marrow biopsy).
        let staging = WarningRules.myelomaDefiningEvent(context) != nil
        if staging {
            items.append(WorkupSuggestion(
                id: myelomaStagingID, criterion: nil, name: "myeloma staging",
                test: DifferentialRules.myelomaStaging, source: MyelomaDefinition.source + "; seed 004, Sclerotic bone lesions",
                criteriaSets: [], stage: .targeted))
        }
        // seed 000 (bone marrow biopsy); seed 004, Monoclonal plasmaproliferative disorder; REFERENCES.md, IMWG 2014
        if !staging, context.status(.monoclonalPlasmaCellDisorder) == .met, context.input.labs?.boneMarrowPlasmaCellPercent == nil,
           context.anySetOpen || open.contains(.multipleMyeloma)
        {
            items.append(WorkupSuggestion(
                id: "bone-marrow-biopsy", criterion: nil, name: "bone marrow biopsy",
                test: "Bone marrow biopsy for the percentage of clonal plasma cells. Seed 004: in POEMS the number of plasma cells is low (median 5%), a clonal infiltrate may or may not be present, and the marrow is frequently reported as reactive or as a myeloproliferative disorder; 10% or more clonal plasma cells is the requirement of the IMWG 2014 definition of multiple myeloma, and 60% or more a myeloma-defining event on its own.",
                source: "seed 000 (biopsy of bone marrow); seed 004, Monoclonal plasmaproliferative disorder; REFERENCES.md, multiple myeloma (IMWG 2014)",
                criteriaSets: [], stage: .targeted))
        }
        // REFERENCES.md, heavy chain (Chaudhry et al., Mayo Clin Proc 2017): anti-MAG antibodies for an IgM protein
        if findings.monoclonalHeavyChain == .igM {
            items.append(WorkupSuggestion(
                id: "anti-mag-antibodies", criterion: nil, name: "anti-MAG antibodies",
                test: "Anti-MAG (myelin-associated glycoprotein) antibodies: an IgM monoclonal protein with neuropathy points to IgM-MGUS neuropathy, with anti-MAG antibodies in about half, or to Waldenström macroglobulinemia; in POEMS the protein is IgG or IgA.",
                source: "REFERENCES.md, heavy chain (Chaudhry HM, Mauermann ML, Rajkumar SV, Mayo Clin Proc 2017;92:838–850; Dispenzieri, Am J Hematol update)",
                criteriaSets: [], stage: .nonInvasive))
        }
        // seed 003 (cardiopulmonary evaluation); seed 000 (breathing tests, echocardiograms); seed 004, Pulmonary dysfunction
        if context.anySetOpen, findings.pulmonaryHypertension == nil || findings.restrictiveLungDisease == nil {
            items.append(WorkupSuggestion(
                id: cardiopulmonaryID, criterion: nil, name: "cardiopulmonary evaluation",
                test: "Cardiopulmonary evaluation: breathing tests and an echocardiogram. Seed 004: pulmonary hypertension, restrictive lung disease and impaired diffusion capacity of carbon monoxide may occur; in the Mayo transplant series more than 90% of patients had abnormal pulmonary function tests.",
                source: "seed 003 (work-up: cardiopulmonary evaluation); seed 000 (breathing tests, echocardiograms); seed 004, Pulmonary dysfunction",
                criteriaSets: [], stage: .targeted))
        }
        // seed 004, Monoclonal plasmaproliferative disorder and Surgery: biopsy of a sclerotic lesion;
        // REFERENCES.md, When the M-protein counts as absent: a lesion biopsy can change every set's verdict.
        // When the blood and urine tests are done, the criterion's own item is the biopsy (Workup).
        let biopsyIsTheCriterionItem = findings.mProteinTests.map { $0.sensitiveTestsNotDone.isEmpty } ?? false
            && findings.monoclonalPlasmaCellDisorder == false
        if context.resolver.scleroticLesionPresent, context.status(.monoclonalPlasmaCellDisorder) != .met,
           findings.mProteinTests?.lesionBiopsy != true, !biopsyIsTheCriterionItem
        {
            items.append(WorkupSuggestion(
                id: "lesion-biopsy", criterion: nil, name: "biopsy of a sclerotic lesion",
                test: "Biopsy of a sclerotic bone lesion, after the blood and urine tests. Seed 004: clonal plasma cells are detected on biopsy of sclerotic lesions; fewer than 10% of patients have no circulating monoclonal protein but biopsy proof of a plasmacytoma, typically monoclonal lambda; an open or closed biopsy of a sclerotic lesion is a common approach to document the diagnosis.",
                source: "seed 004, Monoclonal plasmaproliferative disorder; seed 004, Surgery; REFERENCES.md, When the M-protein counts as absent",
                criteriaSets: setsDecidedByMProtein(context), stage: .invasive))
        }
        // seed 002, Differential Diagnoses; seed 004, Peripheral neuropathy; REFERENCES.md, amyloid screening biopsies
        if let entry = differential.first(where: { $0.condition == .alAmyloidosis }), findings.amyloidOnBiopsy != true,
           !(findings.amyloidBiopsies ?? []).contains(where: { $0.result == .amyloid })
        {
            let lookedFor = findings.amyloidOnBiopsy != nil || findings.amyloidBiopsies?.isEmpty == false
            items.append(WorkupSuggestion(
                id: "amyloid-biopsy", criterion: nil,
                name: lookedFor ? "biopsy of an affected organ examined for amyloid" : "a tissue biopsy examined for amyloid",
                test: lookedFor ? DifferentialRules.organBiopsy(context) : "A tissue biopsy examined for amyloid, to exclude amyloidosis (seed 002). Seed 004: in POEMS, nerve biopsies show no immunoglobulin or amyloid deposition.",
                source: entry.sources.joined(separator: "; "),
                criteriaSets: [], stage: .invasive))
        }
        return items
    }

    /// The sets whose verdict differs between the plasma cell disorder
    /// present and established absent, headline set first: those a test that
    /// finds (or rules out) the protein can change.
    static func setsDecidedByMProtein(_ context: EvaluationContext) -> [CriteriaSetID] {
        let engine = CriteriaEngine(settings: context.settings)
        var present = context.input
        present.findings.monoclonalPlasmaCellDisorder = true
        var absent = context.input
        absent.findings.monoclonalPlasmaCellDisorder = false
        absent.findings.monoclonalLightChain = nil
        absent.findings.monoclonalHeavyChain = nil
        absent.findings.mProteinTests = .complete
        let (ifPresent, ifAbsent) = (engine.verdicts(present), engine.verdicts(absent))
        let ordered = [context.headline] + CriteriaSetID.allCases.filter { $0 != context.headline }
        return ordered.filter { ifPresent[$0] != ifAbsent[$0] }
    }
}
