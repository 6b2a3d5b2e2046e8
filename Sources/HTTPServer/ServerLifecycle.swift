import Synchronization

/// Shared between the server and the handlers that report on it: whether the
/// server is shutting down (readiness fails first) and how many requests are
/// in flight (the drain waits for zero).
public final class ServerLifecycle: Sendable {
    private let shuttingDown = Atomic<Bool>(false)
    /// Requests received and not yet completed; the drain waits on it.
    let inFlight = DrainCounter()
    private let shutdownActions = Mutex<[@Sendable () -> Void]>([])

    public init() {}

    /// True from the moment a shutdown begins: `/readyz` should fail and
    /// responses ask clients to close their connections.
    public var isShuttingDown: Bool { shuttingDown.load(ordering: .acquiring) }

    /// Requests received and not yet completed.
    public var requestsInFlight: Int { inFlight.value }

    /// Runs `action` when a shutdown begins, before the drain: for handlers
    /// that hold suspended requests (long polls), to answer them now
    /// rather than at the end of their wait.
    public func onShutdown(_ action: @escaping @Sendable () -> Void) {
        shutdownActions.withLock { $0.append(action) }
    }

    func beginShutdown() {
        shuttingDown.store(true, ordering: .releasing)
        for action in shutdownActions.withLock({ actions in defer { actions = [] }; return actions }) { action() }
    }
    func requestStarted() { inFlight.add(1) }
    func requestFinished() { inFlight.add(-1) }
}
