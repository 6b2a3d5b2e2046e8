import Synchronization

/// A token-bucket rate limiter keyed by an arbitrary string (an API key's
/// name, a client address).
///
/// Each key has a bucket of `capacity` tokens, refilled continuously at
/// `refillPerSecond`; a request takes one token, or is denied with the
/// whole seconds until one is available. Memory is bounded: beyond
/// `maximumKeys` buckets, full ones (idle long enough to be equivalent to
/// new) are dropped, then the least recently used.
/// ```swift
/// let limiter = RateLimiter(capacity: 600, refillPerSecond: 10)
/// if case .deny(let seconds) = limiter.acquire(key) { throw ProblemDetails.tooManyRequests(retryAfter: seconds) }
/// ```
public final class RateLimiter: Sendable {
    /// The answer for one request.
    public enum Decision: Sendable, Equatable {
        /// Go ahead; `remaining` whole tokens are left, and the bucket is
        /// full again in `secondsUntilFull` whole seconds (rounded up) if
        /// the key makes no further request.
        case allow(remaining: Int, secondsUntilFull: Int)
        /// Refused; a token will be available in `retryAfterSeconds` (at least 1).
        case deny(retryAfterSeconds: Int)

        public var isAllowed: Bool { if case .allow = self { true } else { false } }
    }

    public let capacity: Double
    public let refillPerSecond: Double
    public let maximumKeys: Int

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }
    private let buckets = Mutex<[String: Bucket]>([:])
    private let now: @Sendable () -> ContinuousClock.Instant

    /// - Parameters:
    ///   - capacity: the burst a key may make after being idle.
    ///   - refillPerSecond: the sustained rate.
    ///   - maximumKeys: most buckets kept at once.
    ///   - now: the clock; tests inject one they advance by hand.
    public init(capacity: Double, refillPerSecond: Double, maximumKeys: Int = 10_000,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        precondition(capacity >= 1 && refillPerSecond > 0 && maximumKeys >= 1, "invalid rate limiter settings")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.maximumKeys = maximumKeys
        self.now = now
    }

    /// Takes one token from `key`'s bucket if it has one.
    public func acquire(_ key: String) -> Decision {
        let instant = now()
        return buckets.withLock { buckets in
            var bucket = buckets[key].map { refilled($0, at: instant) } ?? Bucket(tokens: capacity, updated: instant)
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                let untilFull = (capacity - bucket.tokens) / refillPerSecond
                decision = .allow(remaining: Int(bucket.tokens), secondsUntilFull: Int(untilFull.rounded(.up)))
            } else {
                let wait = (1 - bucket.tokens) / refillPerSecond
                decision = .deny(retryAfterSeconds: max(1, Int(wait.rounded(.up))))
            }
            if buckets[key] == nil && buckets.count >= maximumKeys { evict(&buckets, at: instant) }
            buckets[key] = bucket
            return decision
        }
    }

    /// The seconds an empty bucket takes to fill (at least 1): the window
    /// over which `capacity` requests are allowed on average.
    public var windowSeconds: Int { max(1, Int((capacity / refillPerSecond).rounded())) }

    /// How many keys have a bucket (for tests and metrics).
    public var trackedKeys: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket, at instant: ContinuousClock.Instant) -> Bucket {
        let elapsed = instant - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > 0 else { return bucket }
        return Bucket(tokens: min(capacity, bucket.tokens + seconds * refillPerSecond), updated: instant)
    }

    /// Makes room for one more bucket: drops every full bucket, and if none
    /// was full, the least recently used quarter.
    private func evict(_ buckets: inout [String: Bucket], at instant: ContinuousClock.Instant) {
        let before = buckets.count
        buckets = buckets.filter { refilled($0.value, at: instant).tokens < capacity }
        guard buckets.count == before else { return }
        let oldest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(max(1, before / 4)).map(\.key)
        for key in oldest { buckets[key] = nil }
    }
}
