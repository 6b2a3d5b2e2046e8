import ArgumentParser
import POEMSStorage

struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file. [env: POEMSD_DATABASE] (default: ./poems.sqlite)")
    var database: String?

    @Option(help: "Directory of numbered .sql migrations to use instead of those built into the binary (development). [env: POEMSD_MIGRATIONS]")
    var migrations: String?

    var databasePath: String { database ?? Environment.string("POEMSD_DATABASE") ?? "./poems.sqlite" }
    var migrationsDirectory: String? { migrations ?? Environment.string("POEMSD_MIGRATIONS") }
}

extension DatabaseOptions {
    /// The database, with pending migrations applied (as `poemsd migrate` would).
    func openMigrated() throws -> SQLiteStorage {
        try SQLiteStorage(path: databasePath, migrations: Migration.resolve(directory: migrationsDirectory))
    }
}
