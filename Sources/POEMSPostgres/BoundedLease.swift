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
/// as the server stopped, and neither failed nor finished; its queries do
/// not heed task cancellation either). So the work deadline belongs to the
/// work, not to the answer: past it, a connection still in this work's
/// hands is closed (the pool replaces it, and whatever waits on it fails),
/// even when the caller was answered already (cancelled by its own
/// timeout). A connection the work has given back is never closed.
final class BoundedLease<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        /// An answer that came before the continuation was installed.
        var early: Result<T, any Error>?
        var answered = false
        /// The work has its connection: the lease deadline no longer applies.
        var leased = false
        /// The connection while the work holds it (`nil` before and after).
        var connection: PostgresConnection?
        var leaseTimer: Scheduled<Void>?
        var workTimer: Scheduled<Void>?
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
                let timer = loop.scheduleTask(in: Self.amount(leaseTimeout)) {
                    _ = lease.answer(.failure(DatabaseError.unavailable("no database connection within \(leaseTimeout)")), unlessLeased: true)
                }
                if lease.state.withLock({ state in state.leaseTimer = timer; return state.answered || state.leased }) { timer.cancel() }
                let work = start {
                    do {
                        let value = try await client.withConnection { connection in
                            // Answered meanwhile (the lease deadline, a cancellation): give the connection back unused.
                            guard lease.leased(connection, loop: loop, deadline: deadline) else { throw CancellationError() }
                            // Before the pool takes the connection back: from then on it is not this work's to close.
                            defer { lease.released() }
                            return try await body(connection)
                        }
                        lease.answer(.success(value))
                    } catch {
                        lease.answer(.failure(error))
                    }
                }
                // Answered before the work was recorded (a cancellation): stop it.
                if lease.state.withLock({ state in state.work = work; return state.answered && !state.leased }) { work.cancel() }
            }
        } onCancel: {
            lease.answer(.failure(CancellationError()))
        }
    }

    private static func amount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    private func install(_ continuation: CheckedContinuation<T, any Error>) {
        let early = state.withLock { state -> Result<T, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// The work has its connection: arms the work deadline. `false` when
    /// the caller was answered already (the connection goes back unused).
    /// Atomic with the lease deadline's answer: either the caller was told
    /// "no connection" and the work does not run, or the work runs and the
    /// caller is not told so (a retry would run it twice).
    private func leased(_ connection: PostgresConnection, loop: any EventLoop, deadline: Duration?) -> Bool {
        let leaseTimer = state.withLock { state -> Scheduled<Void>?? in
            guard !state.answered else { return .none }
            state.leased = true
            state.connection = connection
            defer { state.leaseTimer = nil }
            return .some(state.leaseTimer)
        }
        guard let leaseTimer else { return false }
        leaseTimer?.cancel()
        guard let deadline else { return true }
        let timer = loop.scheduleTask(in: Self.amount(deadline)) { [self] in expire(after: deadline) }
        if state.withLock({ state in state.workTimer = timer; return state.connection == nil }) { timer.cancel() }
        return true
    }

    /// The work deadline passed: the connection, if the work still holds
    /// it, is closed (under the lock, so that it cannot have been given back
    /// meanwhile: `close` only starts closing the channel), and the caller,
    /// unless answered, is told `ConnectionStalled`.
    private func expire(after deadline: Duration) {
        let stalled = state.withLock { state -> Bool in
            guard let connection = state.connection else { return false }
            state.connection = nil
            connection.close().whenComplete { _ in }
            return true
        }
        if stalled { answer(.failure(ConnectionStalled(after: deadline))) }
    }

    /// The work is done with its connection (about to give it back).
    private func released() {
        let timer = state.withLock { state -> Scheduled<Void>? in
            state.connection = nil
            defer { state.workTimer = nil }
            return state.workTimer
        }
        timer?.cancel()
    }

    /// Answers the caller with `result` unless answered already (or, with
    /// `unlessLeased`, unless the work has its connection); `true` when this
    /// was the answer. Stops the lease timer, and the work if it has not
    /// leased yet (the work deadline stays armed: it is the work's).
    @discardableResult
    private func answer(_ result: Result<T, any Error>, unlessLeased: Bool = false) -> Bool {
        let (first, continuation, timer, work) = state.withLock { state -> (Bool, CheckedContinuation<T, any Error>?, Scheduled<Void>?, Task<Void, Never>?) in
            guard !state.answered, !(unlessLeased && state.leased) else { return (false, nil, nil, nil) }
            state.answered = true
            defer { state.continuation = nil; state.leaseTimer = nil }
            if state.continuation == nil { state.early = result }
            return (true, state.continuation, state.leaseTimer, state.leased ? nil : state.work)
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
