/// One cell of a published evidence table, kept exactly as printed.
///
/// JSON shape (all keys always present, `null` when not applicable):
/// ```json
/// {"value": 54, "printed": "54", "missing": null, "footnotes": [], "derivedCount": {...}}
/// {"value": null, "printed": "…", "missing": "not-reported", "footnotes": [], "derivedCount": null}
/// ```
/// A printed `0` is `{"value": 0}`; a printed `…`, `NS`, `NA` or blank is
/// `{"value": null}` with a ``MissingReason`` — never zero.
public struct EvidenceCell: Sendable, Encodable, Equatable {
    /// The printed number, or `nil` for a missing value.
    public let value: Int?
    /// The cell text exactly as printed in seed 004, without footnote marks.
    public let printed: String
    /// Why there is no value; `nil` when `value` is present.
    public let missing: MissingReason?
    /// Footnote marks printed on this cell (e.g. `["†"]`), in printed order.
    public let footnotes: [String]
    /// A count derived from a percentage and the row's N (Tables 3 and 4 only).
    public let derivedCount: DerivedCount?

    /// Builds a cell from its printed text. `printed` must be an integer or one
    /// of the missing-value notations (`…`, `NS`, `NA`, empty).
    public init(printed: String, footnotes: [String] = [], derivedCount: DerivedCount? = nil) {
        self.printed = printed
        self.footnotes = footnotes
        if let reason = MissingReason(printed: printed) {
            self.value = nil
            self.missing = reason
            self.derivedCount = nil
        } else {
            guard let number = Int(printed) else {
                preconditionFailure("EvidenceCell: unparseable printed cell \"\(printed)\"")
            }
            self.value = number
            self.missing = nil
            self.derivedCount = derivedCount
        }
    }

    /// The same cell with a count derived from `n` (nothing for missing cells).
    public func withDerivedCount(n: EvidenceCell, unit: String = "patients") -> EvidenceCell {
        guard let percent = value, let total = n.value else { return self }
        return EvidenceCell(printed: printed, footnotes: footnotes,
                            derivedCount: DerivedCount(n: total, percent: percent, unit: unit))
    }

    /// `true` when the cell holds no number.
    public var isMissing: Bool { value == nil }

    private enum CodingKeys: String, CodingKey {
        case value, printed, missing, footnotes, derivedCount
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)            // explicit null when missing
        try c.encode(printed, forKey: .printed)
        try c.encode(missing, forKey: .missing)
        try c.encode(footnotes, forKey: .footnotes)
        try c.encode(derivedCount, forKey: .derivedCount)
    }
}
