import ArgumentParser
import POEMSStorage

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        let migrations = try Migration.resolve(directory: storage.migrationsDirectory)
        let database = try SQLiteStorage(path: storage.databasePath, migrations: migrations)
        defer { database.close() }
        let applied = database.appliedMigrations
        print(applied.isEmpty ? "up to date (\(migrations.count) migrations)" : applied.map { "applied \($0.name)" }.joined(separator: "\n"))
    }
}
