/// Request ids: the client's when it is safe to echo and store, otherwise a new one.
enum RequestID {
    /// The longest client-supplied id accepted: enough for a UUID (36), a
    /// W3C trace id (32) or a `traceparent` (55), and no more.
    static let maximumLength = 64

    /// The client's id when it is 1–64 characters of `A–Z a–z 0–9 - _ . :`
    /// (nothing that could forge a log line or a header), else `nil`.
    static func acceptable(_ candidate: String?) -> String? {
        guard let candidate, !candidate.isEmpty, candidate.utf8.count <= maximumLength,
              candidate.utf8.allSatisfy(isAllowed) else { return nil }
        return candidate
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
