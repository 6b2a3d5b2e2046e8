/// Parses a request body into ``InputJSON``: its structure, as Foundation's
/// `JSONDecoder` scans it before decoding anything (objects, arrays,
/// literals, where strings and numbers begin and end; a trailing comma
/// before `}` or `]` is accepted, as there). What a string or a number says
/// is checked when it is read (``InputDocument``), as there too: an invalid
/// escape in a member nobody reads is no error, and one in a member that is
/// read is malformed JSON. Any structural error is a
/// ``InputJSONParser/SyntaxError``, reported as malformed JSON.
struct InputJSONParser {
    /// The body is not JSON (what and where is not reported: the HTTP layer
    /// answers "not valid JSON", as for `JSONDecoder`).
    struct SyntaxError: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The document in `bytes`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> InputJSON {
        var parser = InputJSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw SyntaxError() }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func value() throws(SyntaxError) -> InputJSON {
        guard position < bytes.count else { throw SyntaxError() }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw SyntaxError() }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
            throw SyntaxError()
        }
        position += count
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        guard depth <= InputJSON.maximumDepth else { throw SyntaxError() }
        position += 1
        skipWhitespace()
    }

    private mutating func object() throws(SyntaxError) -> InputJSON {
        try enter()
        var members: [InputJSONMember] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw SyntaxError() }
            let name = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw SyntaxError() }
            position += 1
            skipWhitespace()
            members.append(InputJSONMember(name: name, value: try value()))
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError() }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else { throw SyntaxError() }
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                break
            }
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(SyntaxError) -> InputJSON {
        try enter()
        var elements: [InputJSON] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError() }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "]") { break }
            guard byte == UInt8(ascii: ",") else { throw SyntaxError() }
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                break
            }
        }
        depth -= 1
        return .array(elements)
    }

    /// A string starting at the opening quote, up to the closing one (a
    /// backslash escapes the next byte, `\u` the next four, which must not
    /// hold a quote); its contents are
    /// checked when read.
    private mutating func string() throws(SyntaxError) -> InputJSONString {
        position += 1
        let start = position
        var needsDecoding = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let range = start..<position
                position += 1
                return InputJSONString(range: range, needsDecoding: needsDecoding)
            }
            if byte == UInt8(ascii: "\\") {
                // As JSONDecoder's scanner: `\u` and the four bytes after it
                // (hex or not: checked when read; a quote among them is an
                // error at once), or the one escaped byte.
                needsDecoding = true
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                    guard position + 6 <= bytes.count, !bytes[position + 2..<position + 6].contains(UInt8(ascii: "\"")) else {
                        throw SyntaxError()
                    }
                    position += 6
                } else {
                    position += 2
                }
            } else {
                if byte < 0x20 || byte >= 0x80 { needsDecoding = true }
                position += 1
            }
        }
        throw SyntaxError()
    }

    /// A number's extent: a minus sign or a digit, then digits, signs,
    /// points and exponent marks; its grammar is checked when read.
    private mutating func number() throws(SyntaxError) -> Range<Int> {
        let start = position
        guard bytes[position] == UInt8(ascii: "-") || isDigit(bytes[position]) else { throw SyntaxError() }
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"):
                position += 1
            default:
                return start..<position
            }
        }
        return start..<position
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
