import Foundation

/// A count that the drain waits on (requests in flight, connections
/// suspended): every change wakes the waiters, so shutdown goes on the
/// moment the count reaches zero instead of polling it.
final class DrainCounter: @unchecked Sendable {
    // `count` is guarded by `condition`'s lock.
    private let condition = NSCondition()
    private var count = 0

    var value: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }

    func add(_ delta: Int) {
        condition.lock()
        count += delta
        if count == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Waits until the count is zero or `deadline` has passed, and returns the count.
    @discardableResult
    func waitForZero(until deadline: ContinuousClock.Instant) -> Int {
        wait(until: deadline) { $0 == 0 }
    }

    /// Waits until `deadline`, whatever the count (a grace period).
    func wait(until deadline: ContinuousClock.Instant) {
        _ = wait(until: deadline) { _ in false }
    }

    /// Waits until `done` holds for the count (checked whenever it reaches
    /// zero) or `deadline` has passed, and returns the count.
    private func wait(until deadline: ContinuousClock.Instant, done: (Int) -> Bool) -> Int {
        condition.lock()
        defer { condition.unlock() }
        while !done(count) {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            let (seconds, attoseconds) = remaining.components
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18))
        }
        return count
    }
}
