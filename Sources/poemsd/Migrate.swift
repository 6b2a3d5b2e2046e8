import ArgumentParser
import POEMSStorage

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        let migrator = Migrator(migrations: try Migration.resolve(directory: storage.migrationsDirectory))
        let applied = try DatabaseQueue(path: storage.databasePath).access { try migrator.migrate($0) }
        print(applied.isEmpty ? "up to date (\(migrator.migrations.count) migrations)" : applied.map { "applied \($0.name)" }.joined(separator: "\n"))
    }
}
