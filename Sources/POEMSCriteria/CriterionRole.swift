/// The role of a criterion in its criteria set's rule.
///
/// - `major`: a major criterion. In `dispenzieri-2003` both are required; in
///   `imwg-2014` these are the two mandatory major criteria; in `suichi-2019`
///   all three are required.
/// - `otherMajor`: one of the other major criteria of `imwg-2014`, of which at
///   least one is required.
/// - `minor`: a minor criterion.
public enum CriterionRole: String, Codable, Sendable, CaseIterable {
    case major
    case otherMajor = "other-major"
    case minor
}
