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
/// features, the laboratory derivations, the warnings, and a workup for the
/// undetermined criteria. It informs; it does not prescribe.
public struct CriteriaEngine: Sendable {
    public var settings: EvaluationSettings

    public init(settings: EvaluationSettings = .init()) {
        self.settings = settings
    }

    /// Evaluates `input`; the top-level verdict is that of `headline`.
    public func evaluate(_ input: CaseInput, headline: CriteriaSetID) -> EvaluationReport {
        let labs = LabDerivations(input: input, settings: settings)
        let resolver = FindingResolver(findings: input.findings, labs: labs)

        var evaluations: [EvaluationReport.SetEvaluation] = []
        for spec in CriteriaCatalog.specs {
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
            evaluations.append(EvaluationReport.SetEvaluation(
                criteriaSet: definition.id,
                version: definition.version,
                title: definition.title,
                citation: definition.citation,
                rule: definition.rule,
                verdict: Rule.verdict(definition.requirements, statuses: statuses),
                criteria: results,
                undetermined: Rule.undetermined(
                    definition.requirements, statuses: statuses, order: spec.criteria.map(\.definition.id))))
        }

        // Associated features of every set, once each, in order of first appearance.
        var associated: [EvaluationReport.AssociatedFeature] = []
        for spec in CriteriaCatalog.specs {
            for feature in spec.definition.associatedFeatures where !associated.contains(where: { $0.id == feature.id }) {
                guard let id = FindingID(rawValue: feature.id) else { continue }
                let (status, basis) = resolver.finding(id)
                associated.append(EvaluationReport.AssociatedFeature(id: feature.id, status: status, basis: basis))
            }
        }

        let headlineEvaluation = evaluations.first { $0.criteriaSet == headline }!
        return EvaluationReport(
            criteriaSet: headline,
            verdict: headlineEvaluation.verdict,
            engineVersion: CriteriaEngineVersion.current,
            evaluations: evaluations,
            associatedFeatures: associated,
            derivations: labs.derivations,
            warnings: warnings(input: input, labs: labs, resolver: resolver, evaluations: evaluations),
            suggestedWorkup: workup(evaluations: evaluations, headline: headline))
    }

    private func workup(evaluations: [EvaluationReport.SetEvaluation], headline: CriteriaSetID) -> [WorkupSuggestion] {
        let ordered = evaluations.filter { $0.criteriaSet == headline } + evaluations.filter { $0.criteriaSet != headline }
        var suggestions: [WorkupSuggestion] = []
        for evaluation in ordered {
            for criterion in evaluation.undetermined {
                if let index = suggestions.firstIndex(where: { $0.criterion == criterion }) {
                    suggestions[index].criteriaSets.append(evaluation.criteriaSet)
                } else if let text = Workup.text(for: criterion, settings: settings) {
                    suggestions.append(WorkupSuggestion(
                        criterion: criterion, test: text.test, source: text.source, criteriaSets: [evaluation.criteriaSet]))
                }
            }
        }
        return suggestions
    }

    private func warnings(
        input: CaseInput,
        labs: LabDerivations,
        resolver: FindingResolver,
        evaluations: [EvaluationReport.SetEvaluation]) -> [Warning]
    {
        let findings = input.findings
        var warnings: [Warning] = []

        // seed 004, Table 1, footnote ‡; REFERENCES.md, updated criteria
        if case .parts(let parts)? = findings.endocrinopathy,
           parts.thyroid == true || parts.pancreatic == true,
           !FindingResolver.qualifyingEndocrineParts.contains(where: { parts.value(of: $0) == true })
        {
            let items = [parts.thyroid == true ? "a thyroid abnormality" : nil,
                         parts.pancreatic == true ? "diabetes mellitus (pancreatic)" : nil].compactMap { $0 }
            let reported = items.joined(separator: " and ") + (items.count > 1 ? " are" : " is")
            warnings.append(Warning(
                code: .endocrinopathyDiabetesThyroidOnly,
                message: "Under endocrinopathy, only \(reported) reported present. Because of the high prevalence of diabetes mellitus and thyroid abnormalities, this alone is not sufficient to meet the endocrinopathy criterion.",
                source: "seed 004, Table 1, footnote ‡; REFERENCES.md, updated criteria"))
        }

        // seed 004, Etiology (lambda in greater than 95% of cases) and Monoclonal plasmaproliferative disorder (all 99 patients lambda)
        if findings.monoclonalLightChain == .kappa {
            warnings.append(Warning(
                code: .kappaLightChain,
                message: "The monoclonal light chain is reported as kappa. In POEMS syndrome the light chain is lambda in more than 95% of cases, and all 99 patients of the Mayo Clinic series were monoclonal lambda.",
                source: "seed 004, Etiology; seed 004, Monoclonal plasmaproliferative disorder"))
        }

        // REFERENCES.md, updated criteria: Castleman disease variant without a clonal plasma cell disorder
        if findings.castlemanDisease == true, findings.monoclonalPlasmaCellDisorder == false {
            warnings.append(Warning(
                code: .castlemanVariant,
                message: "Castleman disease is reported present and a monoclonal plasma cell disorder absent. A Castleman disease variant of POEMS syndrome without a clonal plasma cell disorder exists and is considered separately; the criteria sets evaluated here do not cover it.",
                source: "REFERENCES.md, updated criteria (IMWG 2014; Dispenzieri, Am J Hematol)"))
        }

        // seed 004, Table 1, footnote †; seed 004, Definition/diagnostic criteria
        if let dispenzieri = evaluations.first(where: { $0.criteriaSet == .dispenzieri2003 }),
           dispenzieri.verdict == .meets,
           dispenzieri.criterion("scleroticBoneLesions")?.status != .met,
           dispenzieri.criterion("castlemanDisease")?.status != .met
        {
            warnings.append(Warning(
                code: .noScleroticLesionOrCastleman,
                message: "The 2003 criteria are met, but neither sclerotic bone lesions nor Castleman disease is reported present. Table 1, footnote †: an osteosclerotic lesion or Castleman disease is almost always present; the review's definition requires one of them at a minimum.",
                source: "seed 004, Table 1, footnote †; seed 004, Definition/diagnostic criteria"))
        }

        // seed 004, Abstract; seed 003; seed 000: frequently confused with CIDP
        if findings.polyneuropathy == true, findings.monoclonalPlasmaCellDisorder == nil {
            warnings.append(Warning(
                code: .cidpMimic,
                message: "Polyneuropathy is reported but a monoclonal plasma cell disorder has not been assessed. POEMS syndrome is frequently confused with chronic inflammatory demyelinating polyneuropathy (CIDP), whose effective therapies are not effective in POEMS; patients with a diagnosis of CIDP should be tested for POEMS syndrome.",
                source: "seed 004, Abstract; seed 003; seed 000"))
        }

        // The clinician's finding is kept; the disagreement is reported.
        for id in [FindingID.vegfElevated, .polycythemia, .thrombocytosis] {
            guard let given = id.given(in: findings), let lab = labs.results[id], lab.status != .unknown,
                  lab.status != CriterionStatus(given) else { continue }
            warnings.append(Warning(
                code: .findingContradictsLab,
                message: "The finding \(id.rawValue) is reported \(given ? "present" : "absent"), but \(lab.summary.lowercasedFirst). The reported finding is kept.",
                source: lab.sources.joined(separator: "; ")))
        }
        return warnings
    }
}
