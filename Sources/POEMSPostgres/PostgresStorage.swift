import Logging
import PostgresNIO
import POEMSStorage
import Synchronization

/// The PostgreSQL engine: every store of `Storage` on one database that
/// several poemsd instances share (cases, keys, idempotency records, the
/// audit trail, terminology, CDS Hooks token ids), through postgres-nio's
/// `PostgresClient` and its pool. Migrations (`Migrations/postgres/`,
/// compiled in) are applied at open under an advisory lock.
///
/// ```swift
/// let storage = try PostgresStorage(url: "postgres://poemsd@db:5432/poemsd?sslmode=require")
/// ```
public final class PostgresStorage: Storage {
    let database: PostgresDatabase
    let writer: PostgresWriter
    let migrator: PostgresMigrator
    private let listener: Mutex<Task<Void, Never>?>
    public let postgresCases: PostgresCaseStore
    public let keys: any KeyStore
    public let audit: any AuditLog
    public let terminology: any TerminologyStore
    public let cds: any CDSStore
    /// The migrations this open applied.
    public let appliedMigrations: [Migration]

    public var cases: any CaseStore { postgresCases }

    /// Connects to the database `url` (`postgres://…`, see `PostgresLocation`).
    ///
    /// - Parameters:
    ///   - migrations: the migrations to apply; `nil`: those compiled in.
    ///   - migrate: apply pending migrations; otherwise refuse to open with any pending.
    ///   - maximumWriteBatch: most writes committed in one transaction.
    ///   - maximumConnections: the pool's size.
    public init(url: String, migrations: [Migration]? = nil, migrate: Bool = true, maximumWriteBatch: Int = 256, idempotencyRetentionSeconds: Int = 24 * 3600,
                maximumConnections: Int = 16, logger: Logger = Logger(label: "poemsd.postgres")) throws {
        let location = try PostgresLocation(url: url)
        database = try PostgresDatabase(location: location, maximumConnections: maximumConnections, logger: logger)
        migrator = PostgresMigrator(migrations: try migrations ?? PostgresMigrator.bundled)
        let database = database, migrator = migrator
        do {
            // Migrations may take long (an index on a large table) and wait for another instance's: an hour.
            appliedMigrations = try database.read(timeout: .seconds(3600), workTimeout: nil) { connection in
                if migrate { return try await migrator.migrate(connection, logger: database.logger) }
                let pending = try await migrator.pending(connection, logger: database.logger)
                if !pending.isEmpty {
                    throw DatabaseError.migration("\(pending.count) migration(s) pending and --no-migrate was given: run `poemsd migrate` first")
                }
                return []
            }
        } catch {
            database.shutdown()
            throw error
        }
        writer = PostgresWriter(database: database, maximumBatch: maximumWriteBatch)
        let commits = CommitSignal()
        postgresCases = PostgresCaseStore(database: database, writer: writer, commits: commits, idempotencyRetentionSeconds: idempotencyRetentionSeconds)
        keys = PostgresKeyStore(database: database, cache: KeyCache())
        audit = PostgresAuditLog(database: database, writer: writer)
        terminology = PostgresTerminologyStore(database: database)
        cds = PostgresCDSStore(database: database, writer: writer)
        listener = Mutex(database.blocking.start { await ChangeNotifications.listen(database, publishing: commits) })
    }

    /// `nil` when the database answers within 2 seconds and no migration is
    /// pending; otherwise why not (never the URL or its password). Checked
    /// anew on every call, so readiness recovers by itself.
    public func unreadiness() -> String? {
        let migrator = migrator, logger = database.logger
        do {
            // The deadlines inside (2 s to lease, 2 s of work) decide; the outer limit is a backstop.
            let pending = try database.blocking.run(timeout: .seconds(5)) { [database] in
                try await database.withConnection(deadline: .seconds(2)) { connection in try await migrator.pending(connection, logger: logger).count }
            }
            return pending == 0 ? nil : "\(pending) migration(s) pending"
        } catch let error as DatabaseError {
            if case .migration(let message) = error { return message }
            return "database unavailable"
        } catch {
            return "database unavailable"
        }
    }

    public var writeStatistics: (writes: Int, commits: Int) { writer.statistics }

    public func observeCommits(_ observer: @escaping @Sendable (_ writes: Int, _ duration: Duration) -> Void) {
        writer.commitObserver.withLock { $0 = observer }
    }

    /// Nothing more can be done from here: PostgreSQL keeps the purged rows'
    /// old versions as dead tuples in the tables' files until VACUUM
    /// reclaims their space (autovacuum does, later), and its write-ahead
    /// log, WAL archive and base backups hold them until they expire.
    public func erasePurgedContent() throws -> String {
        "PostgreSQL: the rows are deleted, but their old versions stay in the tables' files as dead tuples until VACUUM reclaims "
            + "the space (autovacuum will; VACUUM cases, revisions, idempotency_keys, case_verdicts, case_criteria does it now, "
            + "VACUUM FULL on them rewrites the files), and in the write-ahead log, any WAL archive and base backups until they expire "
            + "(dumps taken before keep the content)"
    }

    /// Commits queued writes, stops listening and closes the pool.
    public func close() {
        writer.stop()
        listener.withLock { task in
            task?.cancel()
            task = nil
        }
        database.shutdown()
    }
}
