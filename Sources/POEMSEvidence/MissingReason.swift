/// Why a table cell carries no number.
///
/// The source tables (seed 004, Tables 2–4) print some cells as `…`, `NS`, `NA`
/// or leave them blank. None of these is a zero: each is a missing value and
/// is encoded as `"value": null` together with one of these reasons.
public enum MissingReason: String, Sendable, Codable, CaseIterable, Equatable {
    /// Printed as `…` (ellipsis): nothing reported in that cell.
    case notReported = "not-reported"
    /// Printed as `NS`: not stated by the series (seed 004, Table 2).
    case notStated = "not-stated"
    /// Printed as `NA`: not applicable (seed 004, Table 4, non-secretory row).
    case notApplicable = "not-applicable"
    /// Printed as nothing at all (seed 004, Table 2, Nakanishi hypothyroidism).
    case blank

    /// The reason for a printed cell text, or `nil` if the text is a number.
    public init?(printed: String) {
        switch printed.trimmingCharacters(in: .whitespaces) {
        case "…", "...": self = .notReported
        case "NS": self = .notStated
        case "NA": self = .notApplicable
        case "": self = .blank
        default: return nil
        }
    }
}
