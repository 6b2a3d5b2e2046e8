import Foundation

// Small lock-protected collectors for tests that drive the server from many threads.

/// A value behind a condition variable: every change made through
/// `withLock` wakes the threads waiting in `waitFor` for a predicate on
/// it. The event a test waits for when its own threads record what
/// happened (no polling).
final class Locked<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value under the lock, then wakes the waiters.
    @discardableResult
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.broadcast(); condition.unlock() }
        return try body(&value)
    }

    /// What `body` reads from the value now.
    func read<Result>(_ body: (Value) throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.unlock() }
        return try body(value)
    }

    /// Waits until `predicate` holds for the value, up to `seconds`: checked
    /// again at each change, not by polling. Whether it holds at the end.
    func waitFor(seconds: Double, _ predicate: (Value) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(value) {
            if !condition.wait(until: deadline) { return predicate(value) }
        }
        return true
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

final class LockedList: Sendable {
    private let items = Locked<[String]>([])
    func append(_ item: String) { items.withLock { $0.append(item) } }
    var values: [String] { items.read { $0 } }

    /// Waits until `predicate` holds for the items, up to `seconds`: woken by each append.
    func waitFor(seconds: Double, _ predicate: ([String]) -> Bool) -> Bool {
        items.waitFor(seconds: seconds, predicate)
    }

    /// Waits until the items, joined, contain `fragment` (a log line collected
    /// chunk by chunk), up to `seconds`.
    func waitFor(_ fragment: String, seconds: Double) -> Bool {
        waitFor(seconds: seconds) { $0.joined().contains(fragment) }
    }
}

final class LockedResponses: Sendable {
    private let items = Locked<[(String, [UInt8])]>([])
    func append(_ location: String, _ body: [UInt8]) { items.withLock { $0.append((location, body)) } }
    var count: Int { items.read { $0.count } }
    var all: [(String, [UInt8])] { items.read { $0 } }

    /// Waits until `count` responses are in, up to `seconds`: woken by each append.
    func waitFor(count wanted: Int, seconds: Double) -> Bool {
        items.waitFor(seconds: seconds) { $0.count >= wanted }
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
