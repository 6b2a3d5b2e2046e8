/// The bytes of a parsed request body (``InputJSON`` points into them):
/// checks and decodes a string or a number when a reader asks for it, as
/// `JSONDecoder` does (RFC 8259: the escapes, no control characters, valid
/// UTF-8, paired surrogates; the number grammar, and a value a `Double`
/// holds). What fails is malformed JSON, an error with an empty coding
/// path. Valid only while the body's buffer is.
package struct InputDocument {
    private let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The error of a document that is not JSON, as `JSONDecoder` throws it.
    static let malformed = DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON."))

    /// `body(bytes)` on the bytes of `range`.
    func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>.SubSequence) -> R) -> R {
        body(bytes[range])
    }

    /// A string's text, escapes decoded.
    package func text(_ string: InputJSONString) throws(DecodingError) -> String {
        let raw = bytes[string.range]
        guard string.needsDecoding else { return String(decoding: raw, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw Self.malformed }
                utf8.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.endIndex else { throw Self.malformed }
            let kind = raw[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(kind)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(try hex4(raw, at: index))
                index += 4
                if (0xDC00...0xDFFF).contains(scalar) { throw Self.malformed }
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < raw.endIndex, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u") else { throw Self.malformed }
                    let low = UInt32(try hex4(raw, at: index + 2))
                    guard (0xDC00...0xDFFF).contains(low) else { throw Self.malformed }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let decoded = Unicode.Scalar(scalar) else { throw Self.malformed }
                utf8.append(contentsOf: UTF8.encode(decoded)!)
            default:
                throw Self.malformed
            }
        }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Self.malformed }
        return text
    }

    private func hex4(_ raw: UnsafeBufferPointer<UInt8>.SubSequence, at index: Int) throws(DecodingError) -> UInt16 {
        guard index + 4 <= raw.endIndex else { throw Self.malformed }
        var value: UInt16 = 0
        for byte in raw[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Self.malformed
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// A number's value: its text must match
    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, and a `Double`
    /// must hold it (not infinite; not rounded to zero from a non-zero value).
    package func number(_ range: Range<Int>) throws(DecodingError) -> Double {
        let raw = bytes[range]
        var index = raw.startIndex
        func digits() -> Int {
            let start = index
            while index < raw.endIndex, raw[index] >= UInt8(ascii: "0"), raw[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        var nonZeroMantissa = false
        if raw[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || raw[integerStart] != UInt8(ascii: "0") else { throw Self.malformed }
        nonZeroMantissa = raw[integerStart..<index].contains { $0 != UInt8(ascii: "0") }
        if index < raw.endIndex, raw[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            guard digits() > 0 else { throw Self.malformed }
            nonZeroMantissa = nonZeroMantissa || raw[fractionStart..<index].contains { $0 != UInt8(ascii: "0") }
        }
        if index < raw.endIndex, raw[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < raw.endIndex, raw[index] == UInt8(ascii: "+") || raw[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Self.malformed }
        }
        guard index == raw.endIndex, let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite,
              value != 0 || !nonZeroMantissa else { throw Self.malformed }
        return value
    }
}
