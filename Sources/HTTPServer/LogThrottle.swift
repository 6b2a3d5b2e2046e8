import Synchronization

/// Lets a repeated log message through at most once per `interval`, and
/// says how many were held back: libmicrohttpd logs one line per refused
/// connection, so a flood of connections would otherwise flood the log.
final class LogThrottle: Sendable {
    private let intervalMilliseconds: Int64
    /// Per message: when it was last let through, and how many were held back since.
    private let seen = Mutex<[String: (last: Int64, held: Int)]>([:])
    /// Messages remembered at most (they may carry numbers that vary).
    private let capacity = 256

    init(intervalMilliseconds: Int64 = 1000) { self.intervalMilliseconds = intervalMilliseconds }

    /// The number held back since `message` was last let through, when it
    /// may be logged now; `nil` when it is held back.
    func admit(_ message: String, now: Int64) -> Int? {
        seen.withLock { seen in
            if let entry = seen[message], now - entry.last < intervalMilliseconds {
                seen[message] = (entry.last, entry.held + 1)
                return nil
            }
            if seen.count >= capacity { seen.removeAll() }
            let held = seen[message]?.held ?? 0
            seen[message] = (now, 0)
            return held
        }
    }
}
