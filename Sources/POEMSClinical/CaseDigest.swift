import POEMSCriteria

/// What a listing shows of a case beyond its verdicts, taken from its latest
/// evaluation when the revision is written and stored with it (migration
/// 0010): enough for a dashboard to show which cases need attention without
/// fetching each whole case.
///
/// JSON: `{"headline": {"criteriaSet", "verdict"}, "warnings": [{"code",
/// "severity"}], "differential": ["cidp"], "undetermined": {"imwg-2014": 2},
/// "firstWorkup": {"id", "name", "priority"}}`
package struct CaseDigest: Codable, Sendable, Equatable {
    package struct Headline: Codable, Sendable, Equatable {
        package let criteriaSet: String
        package let verdict: String
    }

    package struct WarningRef: Codable, Sendable, Equatable {
        package let code: String
        package let severity: String
    }

    package struct WorkupStep: Codable, Sendable, Equatable {
        package let id: String
        package let name: String
        package let priority: Int
    }

    /// The headline set and its verdict, as evaluated.
    package let headline: Headline
    package let warnings: [WarningRef]
    /// The condition ids of the differential.
    package let differential: [String]
    /// Criteria-set id → number of undetermined criteria (unknown ones that
    /// could change that set's verdict).
    package let undetermined: [String: Int]
    /// The first step of the suggested work-up, if any.
    package let firstWorkup: WorkupStep?

    package init(_ report: EvaluationReport) {
        headline = Headline(criteriaSet: report.criteriaSet.rawValue, verdict: report.verdict.rawValue)
        warnings = report.warnings.map { WarningRef(code: $0.code.rawValue, severity: $0.severity.rawValue) }
        differential = report.differential.map(\.condition.rawValue)
        undetermined = Dictionary(uniqueKeysWithValues: report.evaluations.map { ($0.criteriaSet.rawValue, $0.undetermined.count) })
        firstWorkup = report.suggestedWorkup.min { $0.priority < $1.priority }.map { WorkupStep(id: $0.id, name: $0.name, priority: $0.priority) }
    }
}
