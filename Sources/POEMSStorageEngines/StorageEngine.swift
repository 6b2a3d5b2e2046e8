import Logging
import POEMSPostgres
import POEMSSQLite
import POEMSStorage

/// Which storage engine a database location names: a `postgres://` (or
/// `postgresql://`) URL opens PostgreSQL, for several instances on one
/// database; anything else is the SQLite file of one instance.
public enum StorageEngine {
    /// Whether `location` names a PostgreSQL database (otherwise a SQLite file).
    public static func isPostgreSQL(_ location: String) -> Bool { PostgresLocation.isURL(location) }

    /// Opens the database at `location`, applying pending migrations when
    /// `migrate` is set (otherwise refusing to open with any pending), and
    /// returns it with the migrations it applied.
    ///
    /// `migrationsDirectory` replaces the compiled-in migrations (development):
    /// SQLite reads its files, PostgreSQL those of its `postgres/` folder.
    /// `create: false` refuses a SQLite file that does not exist instead of
    /// creating it.
    public static func open(_ location: String, migrationsDirectory: String? = nil, migrate: Bool = true, create: Bool = true, maximumWriteBatch: Int = 256,
                            idempotencyRetentionSeconds: Int = 24 * 3600, logger: Logger? = nil) throws -> (storage: any Storage, applied: [Migration]) {
        if PostgresLocation.isURL(location) {
            let storage = try PostgresStorage(
                url: location, migrations: try migrationsDirectory.map { directory throws(DatabaseError) in try Migration.load(from: directory + "/postgres") },
                migrate: migrate, maximumWriteBatch: maximumWriteBatch, idempotencyRetentionSeconds: idempotencyRetentionSeconds,
                logger: logger ?? Logger(label: "poemsd.postgres"))
            return (storage, storage.appliedMigrations)
        }
        let storage = try SQLiteStorage(path: location, migrations: try Migration.resolve(directory: migrationsDirectory), migrate: migrate, create: create,
                                        maximumWriteBatch: maximumWriteBatch, idempotencyRetentionSeconds: idempotencyRetentionSeconds)
        return (storage, storage.appliedMigrations)
    }

    /// Opens the database `options` describe (``open(_:migrationsDirectory:migrate:create:maximumWriteBatch:idempotencyRetentionSeconds:logger:)``):
    /// what `Service` is given to open its storage with.
    public static func open(_ options: StorageOpening, logger: Logger?) throws -> (storage: any Storage, applied: [Migration]) {
        try open(options.location, migrationsDirectory: options.migrationsDirectory, migrate: options.migrate, create: options.create,
                 maximumWriteBatch: options.maximumWriteBatch, idempotencyRetentionSeconds: options.idempotencyRetentionSeconds, logger: logger)
    }

    /// Opens an existing, migrated database without creating or migrating
    /// anything (what `poemsd audit verify` reads, safe beside running servers).
    public static func openExisting(_ location: String, migrationsDirectory: String? = nil) throws -> any Storage {
        if PostgresLocation.isURL(location) {
            return try PostgresStorage(url: location, migrations: try migrationsDirectory.map { directory throws(DatabaseError) in
                try Migration.load(from: directory + "/postgres")
            }, migrate: false)
        }
        return try SQLiteStorage(path: location, migrations: Migration.resolve(directory: migrationsDirectory), migrate: false, create: false)
    }
}
