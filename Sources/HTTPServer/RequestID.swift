/// Request ids: the client's when it is safe to echo, otherwise a new one.
enum RequestID {
    /// The longest client-supplied id that is echoed.
    static let maximumLength = 128

    /// The client's id when it is 1–128 characters of `A–Z a–z 0–9 - _ . :`
    /// (nothing that could forge a log line or a header), else a new id.
    static func accept(_ candidate: String?) -> String {
        if let candidate, !candidate.isEmpty, candidate.utf8.count <= maximumLength,
           candidate.utf8.allSatisfy(isAllowed) {
            return candidate
        }
        return generate()
    }

    /// 128 random bits as 32 lowercase hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
             UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
