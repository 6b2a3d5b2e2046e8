import ArgumentParser
import Foundation
import POEMSAPI
import POEMSStorage
import POEMSStorageEngines

struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database file, or postgres://user@host:port/database[?sslmode=require] for PostgreSQL. [env: POEMSD_DATABASE] (default: ./poems.sqlite)")
    var database: String?

    @Option(help: "Directory of numbered .sql migrations to use instead of those built into the binary (development; PostgreSQL's in its postgres/ folder). [env: POEMSD_MIGRATIONS]")
    var migrations: String?

    var databasePath: String { database ?? Environment.string("POEMSD_DATABASE") ?? "./poems.sqlite" }
    var migrationsDirectory: String? { migrations ?? Environment.string("POEMSD_MIGRATIONS") }
}

extension DatabaseOptions {
    /// The existing database, with pending migrations applied (as `poemsd
    /// migrate` would). Only `serve` and `migrate` create a SQLite file:
    /// any other command run in the wrong directory would otherwise make an
    /// empty database of its own (and print a token no server knows).
    /// The migrations it applies are audited as `command`'s (`CommandAudit`).
    func openMigrated(_ command: String, audit: CommandAudit) throws -> any Storage {
        try requireExisting()
        let (database, applied) = try StorageEngine.open(databasePath, migrationsDirectory: migrationsDirectory, create: false)
        do { try audit.recordMigrations(applied, by: command, in: database) } catch {
            database.close()
            throw error
        }
        return database
    }

    /// Throws `MissingDatabase` when the location is a SQLite file that does
    /// not exist (a PostgreSQL database is never created by poemsd).
    func requireExisting() throws {
        guard !StorageEngine.isPostgreSQL(databasePath), !FileManager.default.fileExists(atPath: databasePath) else { return }
        throw MissingDatabase(path: databasePath)
    }
}

/// A command other than `serve` and `migrate` named a SQLite file that does
/// not exist: it exits 1 with this, and creates nothing.
struct MissingDatabase: Error, CustomStringConvertible {
    let path: String

    var description: String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return "there is no database at \(absolute): check --database (or POEMSD_DATABASE); "
            + "only `poemsd serve` and `poemsd migrate` create one"
    }
}
