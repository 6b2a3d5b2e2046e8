import Dispatch
import HTTPServer
import POEMSStorage
import Synchronization

/// Long polls of the change feed, waiting without a thread: each is a
/// closure to call once, registered with the `seq` it continues after. A
/// committed case write (`CommitSignal`) wakes those it concerns; a timer
/// wakes each at the end of its wait; a shutdown wakes them all.
///
/// No wake-up is lost: a waiter stays registered until woken, and after
/// registering, `wait` checks the feed once more for a write that committed
/// in between.
final class ChangeWaiters: Sendable {
    private struct Waiter {
        let after: Int64
        let wake: @Sendable () -> Void
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let store: any CaseStore
    /// Where wake-ups and timers run: a queue of its own (Dispatch gives it
    /// a thread even when the shared pool is busy), never the writer's.
    private let queue = DispatchQueue(label: "poemsd.change-waiters")

    init(store: any CaseStore, lifecycle: ServerLifecycle) {
        self.store = store
        store.commits.subscribe { [weak self] seq in self?.committed(seq) }
        lifecycle.onShutdown { [weak self] in self?.close() }
    }

    /// Requests waiting now.
    var count: Int { state.withLock { $0.waiters.count } }

    /// Calls `wake` once: when a change after `after` commits, when
    /// `seconds` pass, or when the server shuts down; at once if it is
    /// shutting down or such a change is already visible.
    func wait(after: Int64, seconds: Int, wake: @escaping @Sendable () -> Void) {
        let id = state.withLock { state -> UInt64? in
            guard !state.closed else { return nil }
            state.nextID += 1
            state.waiters[state.nextID] = Waiter(after: after, wake: wake)
            return state.nextID
        }
        guard let id else { return wake() }
        queue.asyncAfter(deadline: .now() + .seconds(seconds)) { [weak self] in self?.release(id) }
        // A write committed between the caller's read and the registration.
        if (try? store.changes(after: after, limit: 1).isEmpty) != true { release(id) }
    }

    /// Wakes waiter `id` if it is still waiting.
    private func release(_ id: UInt64) {
        state.withLock { $0.waiters.removeValue(forKey: id) }?.wake()
    }

    /// On the writer's queue: takes the waiters that `seq` concerns and
    /// wakes them elsewhere.
    private func committed(_ seq: Int64) {
        let woken = state.withLock { state -> [Waiter] in
            let ids = state.waiters.filter { $0.value.after < seq }.map(\.key)
            return ids.compactMap { state.waiters.removeValue(forKey: $0) }
        }
        guard !woken.isEmpty else { return }
        queue.async { for waiter in woken { waiter.wake() } }
    }

    /// Wakes every waiter and answers later ones at once.
    private func close() {
        let woken = state.withLock { state -> [Waiter] in
            state.closed = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.wake() }
    }
}
