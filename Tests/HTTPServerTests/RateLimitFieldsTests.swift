import HTTPServer
import Testing

/// The `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers-11)
/// of a limiter's decisions.
@Suite struct RateLimitFieldsTests {
    let limiter = RateLimiter(capacity: 600, refillPerSecond: 10)

    @Test func anAllowedRequestGetsTheQuotaLeftAndTheSecondsUntilFull() {
        let fields = RateLimitFields(policy: "per-key", limiter: limiter, decision: .allow(remaining: 598, secondsUntilFull: 1))
        #expect(fields.policyField == #""per-key";q=600;w=60"#)
        #expect(fields.limitField == #""per-key";r=598;t=1"#)
        var headers = HTTPHeaders()
        fields.apply(to: &headers)
        #expect(headers["RateLimit-Policy"] == #""per-key";q=600;w=60"#)
        #expect(headers["RateLimit"] == #""per-key";r=598;t=1"#)
    }

    @Test func aRefusalGetsNothingLeftUntilRetryAfter() {
        let fields = RateLimitFields(policy: "per-key", limiter: limiter, decision: .deny(retryAfterSeconds: 7))
        #expect(fields.limitField == #""per-key";r=0;t=7"#)
    }

    @Test func thePolicyNameIsAStructuredFieldString() {
        let fields = RateLimitFields(policy: "a\"b\\c\u{e9}\n", limiter: limiter, decision: .deny(retryAfterSeconds: 1))
        #expect(fields.policyField == #""a\"b\\c";q=600;w=60"#)
    }
}
