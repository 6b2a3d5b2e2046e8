/// A footnote of a criteria table, quoted verbatim from its source.
///
/// JSON: `{"mark": "‡", "text": "Because of the high prevalence ..."}`
public struct Footnote: Codable, Sendable, Equatable {
    /// The footnote mark, e.g. `"*"`, `"†"`, `"‡"`.
    public var mark: String
    /// The footnote text, verbatim.
    public var text: String

    public init(mark: String, text: String) {
        self.mark = mark
        self.text = text
    }
}
