import NIOCore
import PostgresNIO
import POEMSStorage
import Synchronization

/// Work on a pooled connection, raced against its deadlines: the work's
/// own result, the lease deadline (no connection in time), the work
/// deadline (a connection that stopped answering) or the caller's
/// cancellation — whichever comes first answers the caller, once.
///
/// The work runs as a task of its own, so that the caller is answered even
/// when the work never returns: a query in flight while the server shut
/// down can stay unanswered by the client library (seen in the failover
/// test, with postgres-nio 1.33.2: a write transaction leased a connection
/// as the server stopped, and neither failed nor finished). Past the work
/// deadline the connection is closed, so that the pool replaces it and
/// whatever still waits on it fails.
final class BoundedLease<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        /// An answer that came before the continuation was installed.
        var early: Result<T, any Error>?
        var answered = false
        /// The work has its connection: the lease deadline no longer applies.
        var leased = false
        var timer: Scheduled<Void>?
        var work: Task<Void, Never>?
    }

    private let state = Mutex(State())

    /// `body` on a connection of `client`'s pool, within `leaseTimeout` to
    /// get one and `deadline` to use it (`nil`: no limit, for a listener).
    /// The work runs through `start` (an executor of the client's event
    /// loops); the timers on `loop`.
    static func run(client: PostgresClient, loop: any EventLoop, start: (@escaping @Sendable () async -> Void) -> Task<Void, Never>,
                    leaseTimeout: Duration, deadline: Duration?,
                    _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let lease = BoundedLease<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                lease.install(continuation)
                lease.arm(loop, after: leaseTimeout) {
                    lease.answer(.failure(DatabaseError.unavailable("no database connection within \(leaseTimeout)")), unlessLeased: true)
                }
                let work = start {
                    do {
                        let value = try await client.withConnection { connection in
                            // Answered meanwhile (the lease deadline, a cancellation): give the connection back unused.
                            guard lease.leased(connection, loop: loop, deadline: deadline) else { throw CancellationError() }
                            return try await body(connection)
                        }
                        lease.answer(.success(value))
                    } catch {
                        lease.answer(.failure(error))
                    }
                }
                // Answered before the work was recorded (a lease deadline of zero, a cancellation): stop it.
                if lease.state.withLock({ state in state.work = work; return state.answered }) { work.cancel() }
            }
        } onCancel: {
            lease.answer(.failure(CancellationError()))
        }
    }

    private func install(_ continuation: CheckedContinuation<T, any Error>) {
        let early = state.withLock { state -> Result<T, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// Schedules `expire` on `loop` after `delay`, replacing the timer armed before.
    private func arm(_ loop: any EventLoop, after delay: Duration, _ expire: @escaping @Sendable () -> Void) {
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)) {
            expire()
        }
        let superseded = state.withLock { state -> Scheduled<Void>? in
            if state.answered { return timer }
            defer { state.timer = timer }
            return state.timer
        }
        superseded?.cancel()
    }

    /// The work has its connection: arms the work deadline, which closes
    /// the connection. `false` when the caller was answered already.
    private func leased(_ connection: PostgresConnection, loop: any EventLoop, deadline: Duration?) -> Bool {
        // Atomically with the lease deadline's answer: either the caller was told "no connection" and the
        // work does not run, or the work runs and the caller is not told so (a retry would run it twice).
        let proceed = state.withLock { state -> Bool in
            guard !state.answered else { return false }
            state.leased = true
            return true
        }
        guard proceed else { return false }
        guard let deadline else {
            state.withLock { $0.timer }?.cancel()
            return true
        }
        arm(loop, after: deadline) { [self] in
            if answer(.failure(ConnectionStalled(after: deadline))) { connection.close().whenComplete { _ in } }
        }
        return true
    }

    /// Answers the caller with `result` unless answered already (or, with
    /// `unlessLeased`, unless the work has its connection); `true` when this
    /// was the answer. Stops the timer, and the work unless it succeeded.
    @discardableResult
    private func answer(_ result: Result<T, any Error>, unlessLeased: Bool = false) -> Bool {
        let (first, continuation, timer, work) = state.withLock { state -> (Bool, CheckedContinuation<T, any Error>?, Scheduled<Void>?, Task<Void, Never>?) in
            guard !state.answered, !(unlessLeased && state.leased) else { return (false, nil, nil, nil) }
            state.answered = true
            defer { state.continuation = nil; state.timer = nil }
            if state.continuation == nil { state.early = result }
            return (true, state.continuation, state.timer, state.work)
        }
        guard first else { return false }
        timer?.cancel()
        if case .failure = result { work?.cancel() }
        continuation?.resume(with: result)
        return true
    }
}

/// A leased connection did not finish its work within its deadline: it was
/// closed. Whether that work's transaction committed is unknown when it
/// had sent its `COMMIT`; a writer treats it as `CommitOutcomeUnknown`.
struct ConnectionStalled: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "the database connection did not answer within \(after); it was closed" }
}
