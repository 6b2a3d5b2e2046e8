import Foundation

// Small lock-protected collectors for tests that drive the server from many threads.

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

final class LockedList: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [String] = []
    func append(_ item: String) { condition.lock(); items.append(item); condition.broadcast(); condition.unlock() }
    var values: [String] { condition.lock(); defer { condition.unlock() }; return items }

    /// Waits until the items, joined, contain `fragment` (a log line collected
    /// chunk by chunk), up to `seconds`: woken by each append, not by polling.
    func waitFor(_ fragment: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while !items.joined().contains(fragment) {
            if !condition.wait(until: deadline) { return items.joined().contains(fragment) }
        }
        return true
    }
}

final class LockedResponses: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [(String, [UInt8])] = []
    func append(_ location: String, _ body: [UInt8]) { condition.lock(); items.append((location, body)); condition.broadcast(); condition.unlock() }
    var count: Int { condition.lock(); defer { condition.unlock() }; return items.count }
    var all: [(String, [UInt8])] { condition.lock(); defer { condition.unlock() }; return items }

    /// Waits until `count` responses are in, up to `seconds`: woken by each append.
    func waitFor(count wanted: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while items.count < wanted {
            if !condition.wait(until: deadline) { return items.count >= wanted }
        }
        return true
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
