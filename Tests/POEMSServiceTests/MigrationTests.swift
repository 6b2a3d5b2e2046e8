import Foundation
import POEMSAPI
import POEMSStorage
import Testing

/// The migration runner against real SQLite files.
@Suite struct MigrationTests {
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
        try first.migrate(try Database(path: path))
        let old = try Database(path: path)
        #expect(try old.scalarText("SELECT value FROM service_metadata WHERE key = 'application'") == "poemsd")

        // The service upgrades it at start, and it serves.
        try withService(configure: { $0.databasePath = path }) { (service: TestService) throws in
            #expect(try fetch(service.port, "GET", "/readyz").status == 200)
            #expect(try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#).status == 201)
        }
        let upgraded = try Database(path: path)
        #expect(try upgraded.scalarInt("SELECT count(*) FROM schema_migrations") == all.count)
        #expect(try upgraded.scalarText("PRAGMA integrity_check") == "ok")
        #expect(try Migrator(migrations: all).pending(in: upgraded).isEmpty)
    }

    @Test func aChangedAppliedMigrationStopsTheStart() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let migrations = directory.appendingPathComponent("Migrations")
        try FileManager.default.copyItem(atPath: TestService.migrationsDirectory, toPath: migrations.path)
        let path = directory.appendingPathComponent("poems.sqlite").path
        try Migrator(directory: migrations.path).migrate(try Database(path: path))

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

    @Test func storeSettingsAreDurable() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try Database(path: directory.appendingPathComponent("settings.sqlite").path)
        #expect(try database.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try database.scalarInt("PRAGMA synchronous") == 2, "FULL: a committed write survives power loss")
        #expect(try database.scalarInt("PRAGMA foreign_keys") == 1)
    }
}
