/// The version of the criteria engine, reported in every evaluation.
///
/// Bump it whenever a rule, threshold, part list or message changes, so that a
/// stored report can be traced to the logic that produced it.
public enum CriteriaEngineVersion {
    /// The current engine version.
    public static let current = "1.0.0"
}
