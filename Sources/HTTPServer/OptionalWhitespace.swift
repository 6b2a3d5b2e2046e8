extension StringProtocol {
    /// Without leading and trailing optional whitespace (RFC 9110 §5.6.3:
    /// spaces and horizontal tabs), as header list elements are read.
    /// Pure Swift: Foundation's `trimmingCharacters(in:)` goes through
    /// `NSString` and was a tenth of a 304 poll's instructions (docs/benchmarks/cases.md).
    public var trimmingOptionalWhitespace: SubSequence {
        let isWhitespace = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isWhitespace($0) }), let last = lastIndex(where: { !isWhitespace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
