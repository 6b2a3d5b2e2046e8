import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import POEMSStorage
import Synchronization

/// One PostgreSQL database: postgres-nio's `PostgresClient` (its pool of
/// connections, run for as long as this lives), with what every store
/// here needs: reads for synchronous callers, transactions, and retries of
/// transient failures where they are safe.
final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let blocking: Blocking
    let group: any EventLoopGroup
    /// Given to postgres-nio, for its queries and its pool: errors only
    /// (its debug and trace levels would log statements). A logger of its
    /// own, so that its level is not the service's.
    let logger: Logger
    /// The service's logger, for what this layer reports itself (no SQL,
    /// no values).
    let events: Logger
    private let running: Mutex<Task<Void, Never>?>

    /// How long a synchronous read may take, retries included: longer than
    /// the retry budget, a lease and the work deadline together, so that
    /// the inner deadlines decide (this is a backstop).
    static let readTimeout: Duration = .seconds(12)
    /// How long work waits for a pooled connection.
    static let leaseTimeout: Duration = .seconds(2)
    /// How long a read or a write transaction may hold its connection
    /// before the connection is taken for dead (closed; the work answered
    /// 503). Requests' work takes milliseconds; this ends a connection that
    /// stopped answering (a server gone mid-query, a network partition),
    /// which would otherwise hold its caller for ever.
    static let workTimeout: Duration = .seconds(5)
    /// How long work is retried after transient failures (a server
    /// restarting, a failover) before it is reported unavailable.
    static let retryBudget: Duration = .seconds(2)

    init(location: PostgresLocation, maximumConnections: Int, logger: Logger) throws {
        var configuration = try location.clientConfiguration()
        configuration.options.maximumConnections = maximumConnections
        let group = MultiThreadedEventLoopGroup.singleton
        var quiet = Logger(label: "poemsd.postgres")
        quiet.logLevel = .error
        client = PostgresClient(configuration: configuration, eventLoopGroup: group, backgroundLogger: quiet)
        blocking = Blocking(group: group)
        self.group = group
        self.logger = quiet
        events = logger
        let client = client
        // On the client's event loops, not the cooperative pool: callers
        // block pool threads waiting for the database (see `Blocking`).
        running = Mutex(blocking.start { await client.run() })
    }

    /// Stops the pool: connections close, waiting work fails.
    func shutdown() {
        running.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    /// Runs `body` on a pooled connection for a synchronous caller,
    /// retrying transient failures (reads are safe to repeat), within
    /// `timeout` in all and `workTimeout` per attempt. Work that may
    /// rightly take long (migrations, which also wait for another
    /// instance's) passes `nil` for `workTimeout` and a long `timeout`.
    func read<T: Sendable>(timeout: Duration = readTimeout, workTimeout: Duration? = workTimeout,
                           _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        do {
            return try blocking.run(timeout: timeout) { [self] in
                try await retrying { try await withConnection(deadline: workTimeout, body) }
            }
        } catch {
            throw PostgresFailure.converting(error)
        }
    }

    /// `body` on a pooled connection, within deadlines (see `BoundedLease`):
    /// waiting for the connection is limited to `leaseTimeout` (the pool
    /// waits for ever while the server cannot be reached), and `body` to
    /// `deadline` once it has one (`nil`: no limit, for the change
    /// listener); past it the connection is closed and `ConnectionStalled`
    /// thrown.
    func withConnection<T: Sendable>(deadline: Duration?, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await BoundedLease.run(client: client, loop: group.next(), start: blocking.start, leaseTimeout: Self.leaseTimeout, deadline: deadline, body)
    }

    /// Runs `body` again after transient failures, with growing pauses,
    /// for at most `retryBudget`. Only for work that is safe to repeat: a
    /// read, or a transaction that certainly did not commit.
    func retrying<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + Self.retryBudget
        var pause: Duration = .milliseconds(25)
        while true {
            do {
                return try await body()
            } catch where PostgresFailure.isTransient(error) && !(error is CancellationError) && ContinuousClock.now + pause < deadline {
                events.debug("retrying after a transient database failure", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(400))
            }
        }
    }

    /// `body` in a transaction on `connection`. A failure before `COMMIT`
    /// was sent rolls back and is rethrown as it is (safe to retry when
    /// transient); a failure of the `COMMIT` itself leaves the outcome
    /// unknown and throws `CommitOutcomeUnknown`.
    /// `committing` is told just before the `COMMIT` is sent (from then
    /// on, a connection that fails leaves the outcome unknown).
    static func transaction<T>(_ connection: PostgresConnection, logger: Logger, begin: String = "BEGIN",
                               committing: (@Sendable () -> Void)? = nil,
                               _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
        let value: T
        do {
            value = try await body(connection)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        committing?()
        do {
            try await connection.query("COMMIT", logger: logger)
        } catch {
            throw CommitOutcomeUnknown(underlying: error)
        }
        return value
    }
}

/// The connection failed while a `COMMIT` was on its way, or stopped
/// answering after the `COMMIT` was sent (`ConnectionStalled`): the
/// transaction may or may not have committed, so it is neither retried nor
/// acknowledged (the client retries, with its Idempotency-Key).
struct CommitOutcomeUnknown: Error {
    let underlying: any Error
}
