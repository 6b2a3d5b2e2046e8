import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Authenticated keys in memory, by token hash, so that an authenticated
/// request costs no SQL in the common case.
///
/// Every change to a key moves a generation counter in the database
/// (migration 0006). The cache remembers the generation it was filled
/// under and, at most every `checkInterval`, reads it again (one indexed
/// row): when it moved, everything cached is dropped. A revocation by any
/// process therefore takes effect within `checkInterval` plus one request.
/// Unknown tokens are not cached (anyone may send them); the cache holds at
/// most `capacity` keys.
public final class KeyCache: Sendable {
    private struct State {
        var generation: Int64?
        var checkedAt: UInt64 = 0
        var keys: [String: APIKeyRecord] = [:]
    }

    private let state = Mutex(State())
    private let checkIntervalNanoseconds: UInt64
    private let capacity: Int

    public init(checkInterval: Duration = .milliseconds(500), capacity: Int = 10_000) {
        checkIntervalNanoseconds = UInt64(checkInterval.components.seconds) * 1_000_000_000
            + UInt64(checkInterval.components.attoseconds / 1_000_000_000)
        self.capacity = capacity
    }

    /// The cached key for `hash`, after revalidating the cache with
    /// `generation` (the database's counter) when the last check is older
    /// than the interval.
    public func lookup(_ hash: String, generation: () throws -> Int64) rethrows -> APIKeyRecord? {
        let now = Self.monotonicNanoseconds()
        let due = state.withLock { state -> Bool in
            guard state.generation == nil || now &- state.checkedAt >= checkIntervalNanoseconds else { return false }
            state.checkedAt = now   // one checker at a time; the others use the cache meanwhile
            return true
        }
        if due {
            let current = try generation()
            state.withLock { state in
                if state.generation != current { state.keys.removeAll() }
                state.generation = current
            }
        }
        return state.withLock { $0.keys[hash] }
    }

    /// Remembers an active key found in the database under `generation`
    /// (read before the lookup, so that a revocation in between is not lost).
    public func insert(_ record: APIKeyRecord, hash: String, generation: Int64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.keys.count >= capacity { state.keys.removeAll() }
            state.keys[hash] = record
        }
    }

    /// Drops everything (a key changed in this process).
    public func invalidate() {
        state.withLock { state in
            state.keys.removeAll()
            state.generation = nil
        }
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
