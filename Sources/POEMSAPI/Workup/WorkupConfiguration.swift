import Foundation
import HTTPServer

/// Settings of the work-up page's capability links (``WorkupLinks``).
public struct WorkupConfiguration: Sendable {
    /// How long a card's link to the work-up page opens, in seconds
    /// (`--workup-capability-lifetime`, `POEMSD_WORKUP_CAPABILITY_LIFETIME`).
    public var capabilityLifetimeSeconds = 900
    /// The AES-256 key of the links, 32 bytes
    /// (`--workup-capability-key-file`, `POEMSD_WORKUP_CAPABILITY_KEY_FILE`:
    /// 64 hexadecimal digits); `nil`: the database's
    /// (`workup_capability_key`, made by a migration). Every instance that
    /// opens a link must hold the key that made it.
    public var capabilityKey: [UInt8]?
    /// Capability evaluations allowed per minute to one client address (a
    /// burst of as many); 0 turns the limit off. The endpoint takes no API key.
    public var requestsPerMinutePerClient = 60
    /// The clock a link's expiry is set and checked by (a test moves it).
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}

    /// A limiter of ``requestsPerMinutePerClient`` per minute per client
    /// address, allowing a burst of that many; `nil` when off.
    func makeRateLimiter() -> RateLimiter? {
        guard requestsPerMinutePerClient > 0 else { return nil }
        return RateLimiter(capacity: Double(requestsPerMinutePerClient), refillPerSecond: Double(requestsPerMinutePerClient) / 60)
    }

    /// The 32 bytes of `text`: 64 hexadecimal digits, surrounding whitespace
    /// aside (a key file's content); `nil` otherwise.
    public static func key(hex text: String) -> [UInt8]? {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
