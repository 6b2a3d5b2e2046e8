import Synchronization

/// Tells subscribers that case writes committed, with the highest feed
/// `seq` now durable: what wakes long-polling readers of the change feed.
/// Subscribers are called on the writer's queue right after the commit, so
/// they must only hand the news on (dispatch elsewhere), never read or render.
public final class CommitSignal: Sendable {
    private let subscribers = Mutex<[@Sendable (Int64) -> Void]>([])

    public init() {}

    /// Adds `subscriber`, called with the highest committed `seq` after each write.
    public func subscribe(_ subscriber: @escaping @Sendable (Int64) -> Void) {
        subscribers.withLock { $0.append(subscriber) }
    }

    /// Called by the store once the write that produced `seq` is durable.
    public func publish(_ seq: Int64) {
        for subscriber in subscribers.withLock({ $0 }) { subscriber(seq) }
    }
}
