import HTTPServer
import Synchronization
import Testing

/// The token bucket, on a clock the test advances by hand: no sleeps.
@Suite struct RateLimiterTests {
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
    }

    @Test func burstUpToCapacityThenDenyWithRetryAfter() {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 3, refillPerSecond: 0.5, now: { clock.now })
        // One token every 2 s: full again 2 s after each token taken.
        #expect(limiter.acquire("a") == .allow(remaining: 2, secondsUntilFull: 2))
        #expect(limiter.acquire("a") == .allow(remaining: 1, secondsUntilFull: 4))
        #expect(limiter.acquire("a") == .allow(remaining: 0, secondsUntilFull: 6))
        #expect(limiter.acquire("a") == .deny(retryAfterSeconds: 2))
        clock.advance(.seconds(1))
        #expect(limiter.acquire("a") == .deny(retryAfterSeconds: 1))
        clock.advance(.seconds(1))
        #expect(limiter.acquire("a") == .allow(remaining: 0, secondsUntilFull: 6))
    }

    @Test func keysAreIndependent() {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 1, now: { clock.now })
        #expect(limiter.acquire("a").isAllowed)
        #expect(!limiter.acquire("a").isAllowed)
        #expect(limiter.acquire("b").isAllowed)
    }

    @Test func refillNeverExceedsCapacity() {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 2, refillPerSecond: 10, now: { clock.now })
        _ = limiter.acquire("a")
        clock.advance(.seconds(3600))
        // A tenth of a second to refill, rounded up to whole seconds.
        #expect(limiter.acquire("a") == .allow(remaining: 1, secondsUntilFull: 1))
        #expect(limiter.acquire("a") == .allow(remaining: 0, secondsUntilFull: 1))
        #expect(!limiter.acquire("a").isAllowed)
    }

    @Test func retryAfterIsAtLeastOneSecond() {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 1, refillPerSecond: 1000, now: { clock.now })
        _ = limiter.acquire("a")
        #expect(limiter.acquire("a") == .deny(retryAfterSeconds: 1))
    }

    @Test func memoryIsBoundedByEvictingIdleThenOldestBuckets() {
        let clock = ManualClock()
        let limiter = RateLimiter(capacity: 2, refillPerSecond: 1, maximumKeys: 100, now: { clock.now })
        for index in 0..<100 { _ = limiter.acquire("k\(index)") }
        #expect(limiter.trackedKeys == 100)
        // Nobody is idle yet: the least recently used quarter goes.
        _ = limiter.acquire("new")
        #expect(limiter.trackedKeys <= 100)
        // After everyone refills, their buckets are equivalent to new ones and are dropped.
        clock.advance(.seconds(10))
        for index in 0..<1000 { _ = limiter.acquire("later\(index)") }
        #expect(limiter.trackedKeys <= 100)
        // A key that was just limited stays limited while memory is churned.
        let hot = RateLimiter(capacity: 1, refillPerSecond: 0.01, maximumKeys: 10, now: { clock.now })
        _ = hot.acquire("hot")
        for index in 0..<5 { _ = hot.acquire("other\(index)") }
        #expect(!hot.acquire("hot").isAllowed)
    }

    @Test func tooManyRequestsIs429WithRetryAfter() {
        let response = ProblemDetails.tooManyRequests(retryAfter: 7).response(requestID: "r", problemTypePrefix: "urn:example:problem:")
        #expect(response.status == 429)
        #expect(response.headers["Retry-After"] == "7")
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(String(decoding: response.body, as: UTF8.self).contains("urn:example:problem:too-many-requests"))
    }
}
