/// Evaluates a case against every criteria set.
///
/// ```swift
/// let input = try JSONDecoder().decode(CaseInput.self, from: body)
/// let report = CriteriaEngine().evaluate(input, headline: .imwg2014)
/// print(report.verdict)
/// ```
///
/// The engine is pure: no I/O, no clock, no state. For each criteria set of
/// ``CriteriaCatalog`` it computes every criterion's status (met, not met,
/// unknown) and basis, the set's verdict in three-valued logic, and the
/// unknown criteria that could change it. It also reports the associated
/// features, the laboratory derivations, the warnings (each with a severity),
/// the alternative diagnoses left open (the differential), a work-up in
/// clinical order, and a two-sentence summary. It informs; it does not
/// diagnose or prescribe.
public struct CriteriaEngine: Sendable {
    public var settings: EvaluationSettings

    public init(settings: EvaluationSettings = .init()) {
        self.settings = settings
    }

    /// Evaluates `input`; the top-level verdict is that of `headline`.
    public func evaluate(_ input: CaseInput, headline: CriteriaSetID) -> EvaluationReport {
        let labs = LabDerivations(input: input, settings: settings)
        let resolver = FindingResolver(findings: input.findings, labs: labs)
        let evaluations = setEvaluations(resolver)

        // Associated features of every set, once each, in order of first appearance.
        var associated: [EvaluationReport.AssociatedFeature] = []
        for spec in CriteriaCatalog.specs {
            for feature in spec.definition.associatedFeatures where !associated.contains(where: { $0.id == feature.id }) {
                guard let id = FindingID(rawValue: feature.id) else { continue }
                let (status, basis) = resolver.finding(id)
                associated.append(EvaluationReport.AssociatedFeature(id: feature.id, status: status, basis: basis))
            }
        }

        let context = EvaluationContext(
            input: input, settings: settings, labs: labs, resolver: resolver, evaluations: evaluations, headline: headline)
        let warnings = WarningRules.warnings(context)
        let differential = DifferentialRules.entries(context)
        let workup = WorkupPlan.suggestions(context, differential: differential)
        return EvaluationReport(
            criteriaSet: headline,
            verdict: context.evaluation(headline).verdict,
            summary: Summary.text(context, warnings: warnings, differential: differential, workup: workup),
            engineVersion: CriteriaEngineVersion.current,
            evaluations: evaluations,
            associatedFeatures: associated,
            derivations: labs.derivations,
            warnings: warnings,
            differential: differential,
            suggestedWorkup: workup)
    }

    /// The verdict of every set, without the rest of the report.
    func verdicts(_ input: CaseInput) -> [CriteriaSetID: Verdict] {
        let resolver = FindingResolver(findings: input.findings, labs: LabDerivations(input: input, settings: settings))
        return Dictionary(uniqueKeysWithValues: setEvaluations(resolver).map { ($0.criteriaSet, $0.verdict) })
    }

    private func setEvaluations(_ resolver: FindingResolver) -> [EvaluationReport.SetEvaluation] {
        CriteriaCatalog.specs.map { spec in
            var results: [EvaluationReport.CriterionResult] = []
            var statuses: [String: CriterionStatus] = [:]
            for criterion in spec.criteria {
                let (status, basis) = resolver.criterion(criterion.evaluation)
                let definition = criterion.definition
                statuses[definition.id] = status
                results.append(EvaluationReport.CriterionResult(
                    id: definition.id, name: definition.name, role: definition.role, status: status, basis: basis))
            }
            let definition = spec.definition
            return EvaluationReport.SetEvaluation(
                criteriaSet: definition.id,
                version: definition.version,
                title: definition.title,
                citation: definition.citation,
                rule: definition.rule,
                verdict: Rule.verdict(definition.requirements, statuses: statuses),
                criteria: results,
                undetermined: Rule.undetermined(
                    definition.requirements, statuses: statuses, order: spec.criteria.map(\.definition.id)))
        }
    }
}
