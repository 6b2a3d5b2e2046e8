import ArgumentParser
import POEMSAPI
import POEMSStorage

struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file, or postgres://user@host:port/database[?sslmode=require] for PostgreSQL. [env: POEMSD_DATABASE] (default: ./poems.sqlite)")
    var database: String?

    @Option(help: "Directory of numbered .sql migrations to use instead of those built into the binary (development; PostgreSQL's in its postgres/ folder). [env: POEMSD_MIGRATIONS]")
    var migrations: String?

    var databasePath: String { database ?? Environment.string("POEMSD_DATABASE") ?? "./poems.sqlite" }
    var migrationsDirectory: String? { migrations ?? Environment.string("POEMSD_MIGRATIONS") }
}

extension DatabaseOptions {
    /// The database, with pending migrations applied (as `poemsd migrate` would).
    func openMigrated() throws -> any Storage {
        try StorageEngine.open(databasePath, migrationsDirectory: migrationsDirectory).storage
    }
}
