import ArgumentParser
import POEMSAPI
import POEMSStorageEngines

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        let (database, applied) = try StorageEngine.open(storage.databasePath, migrationsDirectory: storage.migrationsDirectory)
        defer { database.close() }
        try CommandAudit().recordMigrations(applied, by: "migrate", in: database)
        print(applied.isEmpty ? "up to date" : applied.map { "applied \($0.name)" }.joined(separator: "\n"))
    }
}
