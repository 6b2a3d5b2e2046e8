/// The result of evaluating a case: the response body of
/// `POST /v1/evaluations`.
///
/// JSON:
///
/// ```json
/// {"criteriaSet": "imwg-2014", "verdict": "indeterminate", "summary": "...", "engineVersion": "3.0.0",
///  "evaluations": [
///    {"criteriaSet": "dispenzieri-2003", "version": "2003", "title": "...", "citation": "...",
///     "rule": "...", "verdict": "meets",
///     "criteria": [{"id": "polyneuropathy", "name": "Polyneuropathy", "role": "major",
///                   "status": "met", "basis": "Reported present."}],
///     "undetermined": []}],
///  "associatedFeatures": [{"id": "clubbing", "status": "unknown", "basis": "Not assessed."}],
///  "derivations": [LabDerivation...],
///  "warnings": [Warning...],
///  "differential": [DifferentialEntry...],
///  "suggestedWorkup": [WorkupSuggestion...]}
/// ```
///
/// `evaluations` always holds every criteria set, in catalog order; the
/// top-level `criteriaSet` and `verdict` are those of the headline set.
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// The headline criteria set.
    public var criteriaSet: CriteriaSetID
    /// The verdict of the headline criteria set.
    public var verdict: Verdict
    /// One or two plain sentences: the headline verdict, whether the sets
    /// agree and why not, and the most useful next step (see ``Summary``).
    public var summary: String
    /// ``CriteriaEngineVersion/current`` at evaluation time.
    public var engineVersion: String
    /// One evaluation per criteria set, in catalog order.
    public var evaluations: [SetEvaluation]
    /// Every associated feature / other sign of any set, once each.
    public var associatedFeatures: [AssociatedFeature]
    /// Every comparison of a laboratory value with a threshold.
    public var derivations: [LabDerivation]
    public var warnings: [Warning]
    /// The alternative diagnoses the findings leave open; none is a diagnosis.
    public var differential: [DifferentialEntry]
    /// The work-up in clinical order (`priority` 1 first): one entry per
    /// criterion undetermined in at least one set, plus the tests that
    /// exclude a mimic or complete the work-up.
    public var suggestedWorkup: [WorkupSuggestion]

    /// The evaluation of one criteria set.
    public func evaluation(_ id: CriteriaSetID) -> SetEvaluation? {
        evaluations.first { $0.criteriaSet == id }
    }

    /// The evaluation of a case against one criteria set.
    public struct SetEvaluation: Codable, Sendable, Equatable {
        public var criteriaSet: CriteriaSetID
        public var version: String
        public var title: String
        public var citation: String
        public var rule: String
        public var verdict: Verdict
        /// Every criterion of the set, in definition order.
        public var criteria: [CriterionResult]
        /// The unknown criteria whose answer could change the verdict. Empty
        /// unless the verdict is indeterminate.
        public var undetermined: [String]

        /// The result of one criterion.
        public func criterion(_ id: String) -> CriterionResult? {
            criteria.first { $0.id == id }
        }
    }

    /// The status of one criterion in one set.
    public struct CriterionResult: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var role: CriterionRole
        public var status: CriterionStatus
        /// Why, from which input: given, derived from which lab, or which
        /// parts.
        public var basis: String
    }

    /// The status of one associated feature.
    public struct AssociatedFeature: Codable, Sendable, Equatable {
        public var id: String
        public var status: CriterionStatus
        public var basis: String
    }
}
