/// The version of the criteria engine, reported in every evaluation.
///
/// Bump it whenever a rule, threshold, part list or message changes, so that a
/// stored report can be traced to the logic that produced it.
public enum CriteriaEngineVersion {
    /// The current engine version. 2.0.0 (issue 9): the differential, warning
    /// severities, the summary, work-up priorities, unit refusals, a finding
    /// contradicting its lab made unknown, plasma VEGF deciding over serum and
    /// serum VEGF elevated at 1040 pg/mL.
    public static let current = "2.0.0"
}
