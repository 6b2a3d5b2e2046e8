import ArgumentParser
import Foundation
import POEMSAPI
import POEMSSQLite
import POEMSStorage
import POEMSStorageEngines

/// `poemsd backup DEST`: an online copy of a SQLite database, checked.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the SQLite database, live or not, into the new file DEST, check the copy and print what it holds.",
        discussion: """
            A consistent snapshot through SQLite's backup API (what had committed when the copy began), safe while servers run. \
            The copy is checked (integrity_check, the audit chain) and synced before it gets its name; DEST must not exist. \
            For PostgreSQL use pg_dump (see docs/operations.md).
            """)

    @Argument(help: "The new file to write.")
    var destination: String
    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        guard !StorageEngine.isPostgreSQL(storage.databasePath) else {
            throw ValidationError("backup copies a SQLite file; for PostgreSQL use pg_dump --format=custom (see docs/operations.md, Backups and restores)")
        }
        try storage.requireExisting()
        let contents = try SQLiteBackup.backUp(storage.databasePath, to: destination)
        print("backup \(destination): \(SQLiteBackup.describe(contents))")
    }
}

/// `poemsd restore SRC`: a backup back into a database no server holds.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the SQLite database's content with the backup SRC, after checking it; refused while any server (or other process) has the database open.",
        discussion: """
            Stop every server on the database first: restore takes SQLite's exclusive lock and refuses, writing nothing, when it cannot. \
            An existing database is replaced only with --replace. The result is checked (integrity_check, the audit chain).
            """)

    @Argument(help: "The backup file (made by poemsd backup).")
    var source: String
    @Flag(help: "Replace the content of an existing database.")
    var replace = false
    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        guard !StorageEngine.isPostgreSQL(storage.databasePath) else {
            throw ValidationError("restore writes a SQLite file; for PostgreSQL use pg_restore (see docs/operations.md, Backups and restores)")
        }
        if !replace, FileManager.default.fileExists(atPath: storage.databasePath) {
            throw ValidationError("a database exists at \(storage.databasePath): give --replace to replace its content")
        }
        let contents = try SQLiteBackup.restore(from: source, into: storage.databasePath)
        print("restored \(source) into \(storage.databasePath): \(SQLiteBackup.describe(contents))")
        guard contents.isSound else { throw ExitCode.failure }
    }
}
