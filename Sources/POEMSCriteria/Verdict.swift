/// The outcome of one criteria set's rule on a case.
///
/// The engine uses three-valued (Kleene) logic over criteria that may be
/// unknown:
///
/// - `meets`: the rule holds on what is known, whatever the unknown criteria
///   turn out to be.
/// - `doesNotMeet`: the rule cannot hold, even if every unknown criterion
///   turned out present.
/// - `indeterminate`: the answer depends on criteria not yet assessed.
///
/// A verdict describes the criteria as reported. It is information for a
/// clinician, not a diagnosis.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case meets
    case doesNotMeet = "does-not-meet"
    case indeterminate
}
