import Foundation
import Testing

/// Only `serve` and `migrate` create a SQLite database: every other command
/// given a path with no database (a wrong directory, a typo) exits 1
/// naming the path, and leaves no file behind.
@Suite(.enabled(if: TestEngine.isSQLite, "a SQLite path with no file")) struct MissingDatabaseTests {
    @Test func commandsOtherThanServeAndMigrateRefuseToCreateADatabase() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.sqlite").path
        let rows = directory.appendingPathComponent("rows.json")
        try Data(#"{"rows": []}"#.utf8).write(to: rows)

        let commands: [[String]] = [
            ["keys", "create", "--name", "ehr", "--role", "writer"], ["keys", "list"], ["keys", "revoke", "ehr"],
            ["audit", "verify"], ["terminology", "import", rows.path], ["backup", directory.appendingPathComponent("copy.sqlite").path],
            ["audit", "archive", "--before", "2030-01-01", directory.appendingPathComponent("audit.jsonl").path],
            ["cases", "purge", "some-case", "--reason", "entered-in-error"],
        ]
        for command in commands {
            let result = try runProcess(binary, command + ["--database", missing])
            #expect(result.status == 1, "poemsd \(command.prefix(2).joined(separator: " ")) exits 1: \(result.output)")
            #expect(result.output.contains("there is no database at \(missing)"), "\(command.prefix(2)): \(result.output)")
            #expect(!result.output.contains("poemsd_"), "no token is printed")
        }
        // The default, ./poems.sqlite, in a directory with none: named in full.
        let defaulted = try runProcess(binary, ["keys", "list"], directory: directory)
        #expect(defaulted.status == 1)
        #expect(defaulted.output.contains("there is no database at \(directory.appendingPathComponent("poems.sqlite").standardizedFileURL.path)"),
                "\(defaulted.output)")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["rows.json"], "nothing was created: \(left)")

        let migrated = try runProcess(binary, ["migrate", "--database", missing])
        #expect(migrated.status == 0 && FileManager.default.fileExists(atPath: missing), "migrate creates it: \(migrated.output)")
        #expect(try runProcess(binary, ["keys", "list", "--database", missing]).status == 0)
    }
}
