/// A JSON request body parsed for ``CaseInputReader``: the document's
/// structure, scanned whole before anything is read from it, as Foundation's
/// `JSONDecoder` scans it, so that a structural error anywhere is reported as
/// malformed JSON and never as a problem with a field. Strings and numbers
/// are checked when read (``InputDocument``), as there.
///
/// Values point into the body instead of copying it: an object's member
/// names and a string's contents are byte ranges, decoded only when read.
package enum InputJSON {
    case null
    case bool(Bool)
    /// A number's text (its grammar is checked when read).
    case number(Range<Int>)
    /// A string's contents between the quotes, escapes not yet decoded.
    case string(InputJSONString)
    case array([InputJSON])
    case object([InputJSONMember])

    /// Most nested arrays and objects before the document is refused (the
    /// limit of Foundation's parser; the HTTP layer's `JSONLimits` refuse far
    /// less, with a pointer, before this parser runs).
    static let maximumDepth = 512
}

/// One member of a JSON object: its name and its value.
package struct InputJSONMember {
    package var name: InputJSONString
    package var value: InputJSON
}

/// A JSON string as it appears in the body: the bytes between the quotes,
/// and whether they need decoding and checking (escapes, control
/// characters, bytes beyond ASCII).
package struct InputJSONString {
    var range: Range<Int>
    /// `false` when the bytes are the string's ASCII text as they are.
    var needsDecoding: Bool
}
