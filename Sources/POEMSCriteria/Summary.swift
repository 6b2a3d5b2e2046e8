/// The two plain sentences a clinician reads first: `EvaluationReport.summary`.
///
/// Sentence 1: the headline verdict, and whether the three criteria sets
/// agree (and, if not, which clause of each other set decides it).
/// Sentence 2: the single most useful next step: resolve a contradiction,
/// else the first work-up item (``WorkupPlan`` puts the M-protein tests first
/// when the protein may have been missed), else the tests of the
/// differential; and the alternative diagnoses left open.
enum Summary {
    static func text(_ context: EvaluationContext, warnings: [Warning], differential: [DifferentialEntry],
                     workup: [WorkupSuggestion]) -> String
    {
        let headline = context.evaluation(context.headline)
        var first = "\(headline.criteriaSet.shortName): \(phrase(headline.verdict))"
        let others = context.evaluations.filter { $0.criteriaSet != context.headline }
        if others.allSatisfy({ $0.verdict == headline.verdict }) {
            first += "; the other two criteria sets agree."
        } else {
            let described = others.map { "\($0.criteriaSet.shortName) \(verdictWord($0.verdict))\(why($0).map { " (\($0))" } ?? "")" }
            first += (headline.verdict == .meets ? "" : why(headline).map { " (\($0))" } ?? "")
                + "; the sets disagree: " + WarningRules.list(described) + "."
        }

        var next: String
        let contradicted = [FindingID.vegfElevated, .polycythemia, .thrombocytosis].filter { id in
            guard let given = id.given(in: context.findings), let lab = context.labs.results[id] else { return false }
            return lab.status != .unknown && lab.status != CriterionStatus(given)
        }
        if !contradicted.isEmpty {
            next = "Next: resolve the contradiction between " + WarningRules.list(contradicted.map { FindingResolver.displayName($0).lowercasedFirst })
                + " as reported and the laboratory value."
        } else if let item = workup.first {
            next = "Next: \(item.name)."
        } else if !differential.isEmpty {
            next = "Next: the tests listed in the differential."
        } else {
            next = "No further work-up is suggested by the criteria."
        }
        if !differential.isEmpty {
            next.removeLast()
            next += "; alternatives left open: " + WarningRules.list(differential.map(\.condition.shortName)) + "."
        }
        return first + " " + next
    }

    private static func phrase(_ verdict: Verdict) -> String {
        switch verdict {
        case .meets: "the findings as given meet the criteria"
        case .doesNotMeet: "the findings as given do not meet the criteria"
        case .indeterminate: "the findings as given do not yet decide the criteria"
        }
    }

    private static func verdictWord(_ verdict: Verdict) -> String {
        switch verdict {
        case .meets: "meets"
        case .doesNotMeet: "does not meet"
        case .indeterminate: "is indeterminate"
        }
    }

    /// Why a set does not meet (its first clause that fails) or is
    /// indeterminate (the criteria that could change it).
    private static func why(_ set: EvaluationReport.SetEvaluation) -> String? {
        func name(_ id: String) -> String {
            var short = (set.criterion(id)?.name ?? id).prefix { $0 != "(" }
            while short.last == " " { short = short.dropLast() }
            let text = String(short)
            return text.hasPrefix("Castleman") ? text : text.lowercasedFirst
        }
        switch set.verdict {
        case .meets:
            return nil
        case .indeterminate:
            return "undecided: " + WarningRules.list(set.undetermined.map(name))
        case .doesNotMeet:
            let requirements = CriteriaCatalog.specs.first { $0.definition.id == set.criteriaSet }?.definition.requirements ?? []
            guard let requirement = requirements.first(where: { requirement in
                Rule.atLeast(requirement.minimum, of: requirement.criteria.map { set.criterion($0)?.status ?? .unknown }) == .notMet
            }) else { return nil }
            let failing = requirement.criteria.filter { set.criterion($0)?.status == .notMet }.map(name)
            return "\(WarningRules.list(failing)) not met"
        }
    }
}

