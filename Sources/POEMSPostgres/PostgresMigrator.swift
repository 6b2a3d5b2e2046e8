import Logging
import PostgresNIO
import POEMSStorage

/// Applies the PostgreSQL migrations (`Migrations/postgres/`, compiled
/// in) in order, each in its own transaction with its history row in
/// `schema_migrations`, under a session advisory lock: several instances
/// starting at once apply each migration once (the others wait, then find
/// nothing pending). The checksum rule is every engine's (`Migration.pending(_:applied:)`'s
/// check of the history): an applied migration whose text changed, or that this
/// binary does not have, stops the start.
struct PostgresMigrator: Sendable {
    let migrations: [Migration]

    /// The advisory lock key (`'poemsd-migrations'` as a number).
    static let lockKey: Int64 = 0x706F_656D_7364_6D69

    /// The compiled-in migrations.
    static var bundled: [Migration] { get throws(DatabaseError) { try Migration.checked(EmbeddedMigrations.files) } }

    /// The migrations not yet applied, after checking the applied ones.
    func pending(_ connection: PostgresConnection, logger: Logger) async throws -> [Migration] {
        let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return migrations }
        let history = try await connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version", logger: logger)
            .collect().map { row in
                let (version, name, checksum) = try row.decode((Int, String, String).self)
                return (version: version, name: name, checksum: checksum)
            }
        return try Migration.pending(migrations, applied: history)
    }

    /// Applies every pending migration under the advisory lock, and returns those applied.
    func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [Migration] {
        try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
        do {
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            let pending = try await pending(connection, logger: logger)
            for migration in pending {
                try await PostgresDatabase.transaction(connection, logger: logger) { connection in
                    for statement in SQLStatements.split(migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("""
                        INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                        """, logger: logger)
                }
            }
            try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
            return pending
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
            throw error
        }
    }
}
