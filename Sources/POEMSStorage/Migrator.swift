import Foundation

/// Applies `Migration`s in order and records each one, with its checksum, in
/// `schema_migrations`.
///
/// Before applying anything it checks the recorded history against the
/// files: an applied migration whose file changed or disappeared is an error,
/// so a database is never run against a schema description that differs
/// from the one that built it.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) { self.migrations = migrations }

    /// A migrator for the files of `directory`.
    public init(directory: String) throws(DatabaseError) {
        self.init(migrations: try Migration.load(from: directory))
    }

    /// The migrations not yet applied to `database`, after checking the
    /// applied ones.
    public func pending(in database: Database) throws(DatabaseError) -> [Migration] {
        try createHistoryTable(database)
        let statement = try database.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        var applied: Set<Int> = []
        while try statement.step() {
            let version = statement.int(0), name = statement.text(1) ?? "", checksum = statement.text(2) ?? ""
            guard let file = migrations.first(where: { $0.version == version }) else {
                throw .migration("the database has migration \(name) applied, but no such file is in the migrations directory: is this binary older than the database?")
            }
            guard file.checksum == checksum else {
                throw .migration("migration \(file.name) has changed since it was applied (recorded checksum \(checksum.prefix(12))…, file \(file.checksum.prefix(12))…); add a new migration instead of editing an applied one")
            }
            applied.insert(version)
        }
        return migrations.filter { !applied.contains($0.version) }
    }

    /// Applies every pending migration, each in its own transaction, and
    /// returns those applied.
    @discardableResult
    public func migrate(_ database: Database) throws -> [Migration] {
        let pending = try pending(in: database)
        for migration in pending {
            try database.transaction {
                try database.execute(migration.sql)
                try database.prepare(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                    [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum)]
                ).step()
            }
        }
        return pending
    }

    private func createHistoryTable(_ database: Database) throws(DatabaseError) {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            ) STRICT
            """)
    }
}
