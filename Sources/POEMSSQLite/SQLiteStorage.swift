import Foundation
import GRDB
import GRDBSQLite
import POEMSStorage

/// The embedded engine: one SQLite file in WAL mode through a GRDB
/// `DatabasePool` (one writer connection, concurrent readers), its
/// migrations applied or checked at open.
///
/// Durability: GRDB's WAL set-up sets `synchronous = NORMAL` on the writer
/// after `prepareDatabase` runs; this sets `FULL` on the writer connection
/// once the pool is open, and reads it back. The writer connection lives as
/// long as the pool, so a write acknowledged by any store here survives a
/// power loss. Every connection runs with `secure_delete = ON` (checked on
/// the writer): what a write frees (an earlier version of a row, a purged
/// case's revisions, freed overflow pages) is overwritten with zeros, so
/// that a case purge leaves no copy in the file, whatever the SQLite
/// library's compiled-in default (Debian's is ON; SQLite's own, OFF).
/// `writerSettings()` reads the writer's settings for tests and readiness.
///
/// ```swift
/// let storage = try SQLiteStorage(path: "poems.sqlite", migrations: Migration.load(from: "Migrations"))
/// let (token, _) = try storage.keys.create(name: "ehr", role: .writer)
/// storage.close()
/// ```
public final class SQLiteStorage: Storage {
    let slot: PoolSlot
    var pool: DatabasePool { slot.pool }
    let writer: GroupCommitWriter
    let migrator: Migrator
    public let sqliteCases: SQLiteCaseStore
    public let sqliteKeys: SQLiteKeyStore
    public let sqliteAudit: SQLiteAuditLog
    public let sqliteTerminology: SQLiteTerminologyStore
    public let sqliteCDS: SQLiteCDSStore
    /// The migrations this open applied.
    public let appliedMigrations: [Migration]

    public var cases: any CaseStore { sqliteCases }
    public var keys: any KeyStore { sqliteKeys }
    public var audit: any AuditLog { sqliteAudit }
    public var terminology: any TerminologyStore { sqliteTerminology }
    public var cds: any CDSStore { sqliteCDS }

    /// Opens (creating if needed) the database at `path`.
    ///
    /// - Parameters:
    ///   - migrate: apply pending migrations; otherwise refuse to open with any pending.
    ///   - create: create the file when there is none; otherwise refuse to
    ///     open (a command that only reads, such as `audit verify`).
    ///   - maximumWriteBatch: most writes committed together; 1 gives every
    ///     write its own transaction and sync.
    public init(path: String, migrations: [Migration], migrate: Bool = true, create: Bool = true, maximumWriteBatch: Int = 256,
                idempotencyRetentionSeconds: Int = 24 * 3600) throws {
        if !create, !FileManager.default.fileExists(atPath: path) { throw DatabaseError.unavailable("there is no database at \(path)") }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        configuration.label = "poemsd"
        // A connection opened after the file at `path` was removed or
        // replaced is refused: readers never serve another file than the
        // one the writer writes. (Readers open read-only, without
        // SQLITE_OPEN_CREATE: they never create a file; only this
        // initializer does, at start-up and for `migrate`.)
        let health = StorageHealth(path: path)
        configuration.prepareDatabase { db in
            if let changed = health.fileChanged() { throw DatabaseError.unavailable(changed) }
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let pool = try Self.openPool(path: path, configuration: configuration)
        health.recordOpenedFile()
        let slot = PoolSlot(pool)
        self.slot = slot
        let migrator = Migrator(migrations: migrations)
        self.migrator = migrator
        if migrate {
            appliedMigrations = try DatabaseError.converted { try migrator.migrate(pool) }
        } else {
            appliedMigrations = []
            let pending = try pool.read { try migrator.pending(in: $0) }
            if !pending.isEmpty {
                throw DatabaseError.migration("\(pending.count) migration(s) pending and --no-migrate was given: run `poemsd migrate` first")
            }
        }
        let reopening = GroupCommitWriter.Reopening(
            filesWritable: { Self.filesWritable(path) },
            open: { [configuration] in try Self.openPool(path: path, configuration: configuration) })
        let writer = GroupCommitWriter(slot: slot, maximumBatch: maximumWriteBatch, health: health, reopening: reopening)
        self.writer = writer
        // SQLite opens a file this process may not write read-only, silently.
        if Self.isReadOnly(pool) { writer.openedReadOnly() }
        sqliteCases = SQLiteCaseStore(writer: writer, slot: slot, commits: CommitSignal(), idempotencyRetentionSeconds: idempotencyRetentionSeconds)
        sqliteKeys = SQLiteKeyStore(slot: slot, cache: KeyCache())
        sqliteAudit = SQLiteAuditLog(writer: writer, slot: slot)
        sqliteTerminology = SQLiteTerminologyStore(slot: slot)
        sqliteCDS = SQLiteCDSStore(writer: writer, slot: slot)
    }

    /// A pool on `path`, its writer connection set to and checked for
    /// `synchronous = FULL`, WAL, foreign keys and `secure_delete`.
    static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let pool: DatabasePool
        do { pool = try DatabasePool(path: path, configuration: configuration) } catch {
            throw DatabaseError.converting(error)
        }
        try DatabaseError.converted {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                guard try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2 else { throw DatabaseError.settingNotApplied("synchronous=FULL") }
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() == "wal" else { throw DatabaseError.settingNotApplied("journal_mode=WAL") }
                guard try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1 else { throw DatabaseError.settingNotApplied("foreign_keys=ON") }
                guard try Int.fetchOne(db, sql: "PRAGMA secure_delete") == 1 else { throw DatabaseError.settingNotApplied("secure_delete=ON") }
            }
        }
        return pool
    }

    /// Whether SQLite opened `pool`'s writer connection read-only.
    static func isReadOnly(_ pool: DatabasePool) -> Bool {
        pool.writeWithoutTransaction { sqlite3_db_readonly($0.sqliteConnection, "main") } == 1
    }

    /// Whether this process (its effective user) may write the database
    /// file, its directory, and its `-wal` and `-shm` where they exist:
    /// asked with `faccessat`, which opens no descriptor (closing one
    /// would drop the process's POSIX locks on the file).
    static func filesWritable(_ path: String) -> Bool {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        func writable(_ file: String) -> Bool { faccessat(AT_FDCWD, file, W_OK, AT_EACCESS) == 0 }
        func exists(_ file: String) -> Bool { faccessat(AT_FDCWD, file, F_OK, AT_EACCESS) == 0 }
        return writable(path) && writable(directory.isEmpty ? "/" : directory)
            && [path + "-wal", path + "-shm"].allSatisfy { !exists($0) || writable($0) }
    }

    /// Not ready while writes cannot be acknowledged: the file at the path
    /// is not the one open (until a restart), one of the database's files
    /// is immutable, or the last write failed (as recorded: the writer's
    /// `WriteProbe` retries in the background, so that readiness recovers
    /// without client traffic, and asking never writes or waits for the
    /// writer); otherwise while the database does not answer or has
    /// migrations pending.
    public func unreadiness() -> String? {
        let health = writer.health
        if let lost = health.lost() { return lost + ": writes are refused; restart the service" }
        if let refusal = health.refusal() { return refusal + ": writes are refused" }
        if let problem = health.writeProblem { return problem }
        do {
            let pending = try pool.read { try migrator.pending(in: $0) }
            return pending.isEmpty ? nil : "\(pending.count) migration(s) pending"
        } catch {
            return "database unavailable"
        }
    }

    public var writeStatistics: (writes: Int, commits: Int) { writer.statistics }

    public func observeCommits(_ observer: @escaping @Sendable (_ writes: Int, _ duration: Duration) -> Void) {
        writer.commitObserver.withLock { $0 = observer }
    }

    public func observeFailures(_ observer: @escaping @Sendable (StorageFailure) -> Void) {
        writer.health.failureObserver.withLock { $0 = observer }
    }

    public func close() { writer.stop() }

    /// A purge overwrote what it freed with zeros, but until a checkpoint
    /// the file still holds the pages as they were, and the write-ahead log
    /// holds earlier versions of them: a `TRUNCATE` checkpoint copies the
    /// log into the file and empties it. It waits for readers (the busy
    /// timeout, 5 s); when one of another process holds it back, the
    /// content stays in the log until a later complete checkpoint.
    public func erasePurgedContent() throws -> String {
        do {
            try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            return "SQLite: the freed pages were overwritten with zeros and the write-ahead log was checkpointed and truncated: "
                + "the purged content is in neither the database file nor its -wal (backups taken before keep it)"
        } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return "SQLite: the freed pages were overwritten with zeros, but the write-ahead log could not be checkpointed now "
                + "(another connection was using it): earlier copies of the purged pages stay in the database's -wal until a complete "
                + "checkpoint; run the same purge again later to retry it (backups taken before keep the content)"
        } catch {
            throw DatabaseError.converting(error)
        }
    }

    /// The writer connection's settings, read on that connection:
    /// `synchronous` (2 is FULL), `journal_mode`, `foreign_keys`, `secure_delete`.
    public func writerSettings() throws -> (synchronous: Int, journalMode: String, foreignKeys: Bool, secureDelete: Int) {
        try DatabaseError.converted {
            try pool.writeWithoutTransaction { db in
                (try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                 try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                 try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                 try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? -1)
            }
        }
    }
}
