/// What the rules after the criteria (warnings, differential, work-up,
/// summary) read about one case: the input, the laboratory comparisons, the
/// resolved findings and every set's evaluation.
struct EvaluationContext: Sendable {
    let input: CaseInput
    let settings: EvaluationSettings
    let labs: LabDerivations
    let resolver: FindingResolver
    let evaluations: [EvaluationReport.SetEvaluation]
    let headline: CriteriaSetID

    var findings: Findings { input.findings }

    func evaluation(_ id: CriteriaSetID) -> EvaluationReport.SetEvaluation {
        evaluations.first { $0.criteriaSet == id }!
    }

    /// The status of a simple finding, given or derived from labs.
    func status(_ id: FindingID) -> CriterionStatus {
        resolver.finding(id).status
    }

    /// Whether the plasma cell disorder is established absent: reported
    /// absent on a complete work-up with no lab value showing a clone
    /// (REFERENCES.md, When the M-protein counts as absent). Reported absent
    /// without its tests is taken as reported for the criteria, but is not
    /// established.
    var mProteinAbsenceEstablished: Bool {
        resolver.mProteinReportedAbsent?.status == .notMet
    }

    /// Whether POEMS syndrome is still possible under at least one set.
    var anySetOpen: Bool {
        evaluations.contains { $0.verdict != .doesNotMeet }
    }
}
