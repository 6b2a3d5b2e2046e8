import GRDB
import POEMSStorage

/// Applies `Migration`s in order and records each one, with its checksum, in
/// `schema_migrations`. A migration that needs Swift names its step
/// (`MigrationStep`).
///
/// Before applying anything it checks the recorded history against the
/// migrations given: an applied migration whose SQL changed or disappeared is
/// an error, so a database is never run against a schema description that
/// differs from the one that built it. The migrations are plain
/// `(version, name, sql)` values, wherever they were read from.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) { self.migrations = migrations }

    /// A migrator for the files of `directory`.
    public init(directory: String) throws(POEMSStorage.DatabaseError) {
        self.init(migrations: try Migration.load(from: directory))
    }

    /// The migrations not yet applied to `db`, after checking the applied
    /// ones. Only reads: usable on a reader connection.
    public func pending(in db: Database) throws -> [Migration] {
        guard try db.tableExists("schema_migrations") else { return migrations }
        return try pending(applied: Row.fetchAll(db, sql: "SELECT version, name, checksum FROM schema_migrations ORDER BY version")
            .map { (version: $0[0], name: $0[1], checksum: $0[2]) })
    }

    /// The migrations not yet applied, given the history rows of a
    /// database, after checking them (``Migration/pending(_:applied:)``).
    public func pending(applied history: [(version: Int, name: String, checksum: String)]) throws(POEMSStorage.DatabaseError) -> [Migration] {
        try Migration.pending(migrations, applied: history)
    }

    /// Applies every pending migration, each in its own transaction with its
    /// history row, and returns those applied.
    @discardableResult
    public func migrate(_ writer: some DatabaseWriter) throws -> [Migration] {
        try writer.writeWithoutTransaction { db in
            // Created only when missing: even IF NOT EXISTS needs a file it
            // may write, and a database with nothing pending is opened read-only.
            if try !db.tableExists("schema_migrations") { try db.execute(sql: """
                CREATE TABLE schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                ) STRICT
                """) }
            let pending = try pending(in: db)
            let parts = try pending.map { try MigrationStep.split($0.sql, of: $0.name) }
            for (migration, (segments, steps)) in zip(pending, parts) {
                try db.inTransaction(.immediate) {
                    for (index, segment) in segments.enumerated() {
                        try db.execute(sql: segment)
                        if index < steps.count { try steps[index].run(db) }
                    }
                    try db.execute(
                        sql: "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                        arguments: [migration.version, migration.name, migration.checksum])
                    return .commit
                }
            }
            return pending
        }
    }
}
