/// A column of an evidence table: stable key, header label as printed, unit.
public struct TableColumn: Sendable, Codable, Equatable {
    /// Stable camelCase key, used in `cells` objects and sort parameters.
    public let key: String
    /// The header as printed in seed 004 (PDF line breaks joined by a space).
    public let label: String
    /// `"%"`, `"patients"`, `"courses or patients"`…, or `nil` for label columns.
    public let unit: String?
    /// A printed spanning header above this column, e.g. "Response to treatment, %".
    public let group: String?
    /// For series columns (Table 2): the series size printed under the header.
    public let n: Int?

    public init(key: String, label: String, unit: String?, group: String? = nil, n: Int? = nil) {
        self.key = key
        self.label = label
        self.unit = unit
        self.group = group
        self.n = n
    }

    private enum CodingKeys: String, CodingKey { case key, label, unit, group, n }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(label, forKey: .label)
        try c.encode(unit, forKey: .unit)
        try c.encode(group, forKey: .group)
        try c.encode(n, forKey: .n)
    }
}
