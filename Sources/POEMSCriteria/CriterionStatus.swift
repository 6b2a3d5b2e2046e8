/// The three-valued status of a criterion, a part, or an associated feature.
///
/// - `met`: present.
/// - `notMet`: absent.
/// - `unknown`: not assessed, or not decidable from what was given.
public enum CriterionStatus: String, Codable, Sendable, CaseIterable {
    case met
    case notMet = "not-met"
    case unknown

    /// The status of a tri-state finding: `true` is met, `false` not met,
    /// `nil` unknown.
    public init(_ value: Bool?) {
        switch value {
        case true?: self = .met
        case false?: self = .notMet
        case nil: self = .unknown
        }
    }
}
