/// A footnote printed under a table of seed 004, verbatim.
///
/// `appliesTo` lists where the mark is printed, so that an API client can
/// attach the text to the right title, row or cell.
public struct Footnote: Sendable, Codable, Equatable {
    /// The mark as printed: `*`, `†`, `‡` or `**`.
    public let mark: String
    /// The footnote text exactly as printed (PDF line breaks joined by a space).
    public let text: String
    /// Where the mark appears in the table.
    public let appliesTo: [FootnoteAnchor]

    public init(mark: String, text: String, appliesTo: [FootnoteAnchor]) {
        self.mark = mark
        self.text = text
        self.appliesTo = appliesTo
    }
}

/// The place a footnote mark is printed: the table title, a row label, or one cell.
public struct FootnoteAnchor: Sendable, Codable, Equatable, Hashable {
    /// Which part of the table carries the mark.
    public enum Scope: String, Sendable, Codable {
        case title, row, cell
    }
    public let scope: Scope
    /// Row slug for `row` and `cell` scopes.
    public let row: String?
    /// Column key for the `cell` scope.
    public let column: String?

    public init(scope: Scope, row: String? = nil, column: String? = nil) {
        self.scope = scope
        self.row = row
        self.column = column
    }

    public static let title = FootnoteAnchor(scope: .title)
    public static func row(_ slug: String) -> FootnoteAnchor { FootnoteAnchor(scope: .row, row: slug) }
    public static func cell(_ slug: String, _ column: String) -> FootnoteAnchor {
        FootnoteAnchor(scope: .cell, row: slug, column: column)
    }

    private enum CodingKeys: String, CodingKey { case scope, row, column }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encode(row, forKey: .row)
        try c.encode(column, forKey: .column)
    }
}
