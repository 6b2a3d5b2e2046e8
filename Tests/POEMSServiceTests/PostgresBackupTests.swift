import Foundation
import Testing

/// The PostgreSQL backup of docs/operations.md: `pg_dump --format=custom` while a server
/// writes, `pg_restore` into a new database, `poemsd audit verify` on it, and
/// a server on the restored database that finds every case acknowledged
/// before the dump began.
@Suite(.enabled(if: TestEngine.isPostgres, "pg_dump and pg_restore on the test cluster")) struct PostgresBackupTests {
    static let binaries = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?
        .sorted { $0.compare($1, options: .numeric) == .orderedAscending }.last.map { "/usr/lib/postgresql/\($0)/bin" }

    @Test func pgDumpUnderWriteLoadAndPgRestoreKeepEveryAcknowledgedCase() throws {
        let bin = try #require(Self.binaries, "PostgreSQL's client programs (apt-get install postgresql)")
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let writer = bearer(try sandbox.createKey("dump-writer", role: .writer))
        let server = try sandbox.start()
        let load = BackgroundLoad(port: server.port, authorization: writer, name: "dump")
        defer { load.stop() }
        #expect(load.waitForMoreWrites(30))

        let dump = sandbox.directory.appendingPathComponent("poems.dump").path
        let before = load.acknowledged.all
        let dumped = try runProcess("\(bin)/pg_dump", ["--format=custom", "--file=\(dump)", sandbox.location])
        #expect(dumped.status == 0, "pg_dump: \(dumped.output)")
        #expect(load.waitForMoreWrites())
        load.stop()
        server.stop()

        let restored = try TestDatabase()
        defer { restored.remove() }
        let result = try runProcess("\(bin)/pg_restore", ["--no-owner", "--exit-on-error", "--dbname=\(restored.location)", dump])
        #expect(result.status == 0, "pg_restore: \(result.output)")
        let verified = try runProcess(sandbox.binary, ["audit", "verify", "--database", restored.location])
        #expect(verified.status == 0 && verified.output.contains("audit chain intact"), "\(verified.output)")

        let again = try RunningServer(sandbox.binary, database: restored.location)
        defer { again.stop() }
        let missing = try missingCases(again.port, before, writer)
        #expect(before.count >= 30)
        #expect(missing == 0, "\(missing) of \(before.count) cases acknowledged before pg_dump are missing after pg_restore")
    }
}
