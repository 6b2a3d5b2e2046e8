/// A sentence (or exact clause) about therapy quoted verbatim from a seed document,
/// with the figures it carries as structured values.
///
/// Quotes are verbatim apart from PDF line breaks joined by a single space
/// (and a word hyphenated across a line break, "Thirty-\nseven", rejoined).
/// Typos are kept as printed ("will response to", "it often difficult").
public struct EvidenceStatement: Sendable, Encodable, Equatable {
    /// Stable URL-safe id.
    public let id: String
    /// Seed document and section.
    public let source: SourceReference
    /// The quoted text.
    public let quote: String
    /// Numbers in the quote. Empty when the quote carries none.
    public let figures: [StatementFigure]
    /// Topic tags (`radiation`, `transplant`, `cidp-misdiagnosis`, …).
    public let topics: [String]
    /// Table rows/tables the statement relates to, e.g. `"treatment-response/radiation"`.
    public let related: [String]
    /// An editorial note (not from the source), or `nil`.
    public let note: String?

    public init(id: String, source: SourceReference, quote: String, figures: [StatementFigure] = [],
                topics: [String], related: [String] = [], note: String? = nil) {
        self.id = id
        self.source = source
        self.quote = quote
        self.figures = figures
        self.topics = topics
        self.related = related
        self.note = note
    }

    private enum CodingKeys: String, CodingKey { case id, source, quote, figures, topics, related, note }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(quote, forKey: .quote)
        try c.encode(figures, forKey: .figures)
        try c.encode(topics, forKey: .topics)
        try c.encode(related, forKey: .related)
        try c.encode(note, forKey: .note)
    }
}
