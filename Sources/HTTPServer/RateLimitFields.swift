/// The `RateLimit-Policy` and `RateLimit` response header fields of the IETF
/// HTTPAPI draft "RateLimit header fields for HTTP",
/// draft-ietf-httpapi-ratelimit-headers-11 (23 May 2026), for a
/// ``RateLimiter``'s answer to one request. Both are Structured Field Lists
/// (RFC 9651) of one Item named after the policy:
/// ```
/// RateLimit-Policy: "default";q=600;w=60
/// RateLimit: "default";r=598;t=1
/// ```
/// - `q` (§3.1.1) is the bucket's capacity and `w` (§3.1.3) the seconds an
///   empty bucket takes to refill: `q` requests per `w` seconds on average,
///   with bursts of up to `q`.
/// - `r` (§4.1.1) is the whole tokens left after this request (0 when it
///   was refused) and `t` (§4.1.2) the seconds until the quota is restored:
///   until the bucket is full again, or, on a refusal, until one token is
///   available, the same number as `Retry-After` (the draft's §6 wants
///   `Retry-After` no earlier than the end of the effective window).
///
/// No partition key (`pk`) is sent: the key the limiter counts by is the
/// client's own, and naming it would disclose it to intermediaries.
public struct RateLimitFields: Sendable, Equatable {
    public var policy: String
    public var quota: Int
    public var windowSeconds: Int
    public var remaining: Int
    public var resetSeconds: Int

    public init(policy: String, limiter: RateLimiter, decision: RateLimiter.Decision) {
        self.policy = policy
        quota = Int(limiter.capacity)
        windowSeconds = limiter.windowSeconds
        switch decision {
        case .allow(let remaining, let secondsUntilFull):
            self.remaining = remaining
            resetSeconds = secondsUntilFull
        case .deny(let retryAfterSeconds):
            remaining = 0
            resetSeconds = retryAfterSeconds
        }
    }

    /// The `RateLimit-Policy` field value.
    public var policyField: String { "\(Self.structuredString(policy));q=\(quota);w=\(windowSeconds)" }

    /// The `RateLimit` field value.
    public var limitField: String { "\(Self.structuredString(policy));r=\(remaining);t=\(resetSeconds)" }

    /// Sets both fields in `headers`.
    public func apply(to headers: inout HTTPHeaders) {
        headers.set("RateLimit-Policy", policyField)
        headers.set("RateLimit", limitField)
    }

    /// `text` as a Structured Field String (RFC 9651 §3.3.3): quoted, `"`
    /// and `\` escaped, anything but printable ASCII left out.
    static func structuredString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars where (0x20...0x7e).contains(scalar.value) {
            if scalar == "\"" || scalar == "\\" { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
