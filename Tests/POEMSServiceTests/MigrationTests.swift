import Foundation
import GRDB
import POEMSAPI
import POEMSSQLite
import POEMSStorage
import Testing

/// The migration runner against real SQLite files.
@Suite(.enabled(if: TestEngine.isSQLite, "SQLite migrations and settings")) struct MigrationTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func databaseFromTheFirstMigrationUpgradesCleanly() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let all = try Migration.load(from: TestService.migrationsDirectory)
        #expect(all.count >= 2)

        // A database as the first release left it.
        let first = Migrator(migrations: Array(all.prefix(1)))
        try first.migrate(try DatabaseQueue(path: path))
        let old = try DatabaseQueue(path: path)
        #expect(try old.read { try String.fetchOne($0, sql: "SELECT value FROM service_metadata WHERE key = 'application'") } == "poemsd")

        // The service upgrades it at start, and it serves.
        try withService(configure: { $0.databasePath = path }) { (service: TestService) throws in
            #expect(try fetch(service.port, "GET", "/readyz").status == 200)
            #expect(try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#).status == 201)
        }
        let upgraded = try DatabaseQueue(path: path)
        try upgraded.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migrations") == all.count)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Migrator(migrations: all).pending(in: db).isEmpty)
        }
    }

    @Test func aChangedAppliedMigrationStopsTheStart() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let migrations = directory.appendingPathComponent("Migrations")
        try FileManager.default.copyItem(atPath: TestService.migrationsDirectory, toPath: migrations.path)
        let path = directory.appendingPathComponent("poems.sqlite").path
        try Migrator(directory: migrations.path).migrate(try DatabaseQueue(path: path))

        // Someone edits an applied migration.
        let edited = migrations.appendingPathComponent("0001_service_metadata.sql")
        let original = try String(contentsOf: edited, encoding: .utf8)
        try (original + "\n-- edited after release\n").write(to: edited, atomically: true, encoding: .utf8)

        #expect {
            _ = try TestService { $0.databasePath = path; $0.migrationsDirectory = migrations.path }
        } throws: { error in
            let message = String(describing: error)
            return message.contains("0001_service_metadata.sql") && message.contains("changed since it was applied")
        }
    }

    @Test func noMigrateRefusesPendingMigrations() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.sqlite").path
        #expect {
            _ = try TestService { $0.databasePath = path; $0.migrateOnStart = false }
        } throws: { error in
            String(describing: error).contains("pending")
        }
    }

    /// GRDB's WAL set-up sets `synchronous = NORMAL` on the writer after
    /// `prepareDatabase`: the store must set FULL on the writer connection
    /// itself, and keep it after writes, for the life of the store. And
    /// `secure_delete = ON` whatever the library's default.
    @Test func storeSettingsAreDurable() throws {
        try withService { service in
            for _ in 0..<3 { #expect(try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#).status == 201) }
            let storage = try #require(service.service.storage as? SQLiteStorage)
            let settings = try storage.writerSettings()
            #expect(settings.synchronous == 2, "FULL: an acknowledged write survives power loss")
            #expect(settings.journalMode == "wal")
            #expect(settings.foreignKeys)
            #expect(settings.secureDelete == 1, "ON: what a write frees is overwritten, so a purged case leaves no copy in the file")
        }
    }
}
