import Foundation
import Testing

/// `poemsd backup` under write load and `poemsd restore`: the copy holds
/// every case acknowledged before the backup began, restore refuses a
/// database a server holds, and a server started on the restored database
/// serves every one of those cases.
@Suite(.enabled(if: TestEngine.isSQLite, "SQLite files (PostgreSQL: pg_dump, see docs/operations.md)")) struct BackupTests {
    @Test func aBackupTakenUnderWriteLoadRestoresEveryCaseAcknowledgedBeforeIt() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let writer = bearer(try sandbox.createKey("backup-writer", role: .writer))
        let server = try sandbox.start()
        let load = BackgroundLoad(port: server.port, authorization: writer, name: "backup")
        defer { load.stop() }
        #expect(load.waitForMoreWrites(50), "the writer is acknowledging cases")

        let copy = sandbox.directory.appendingPathComponent("backup.sqlite").path
        let before = load.acknowledged.all
        let backup = try runProcess(sandbox.binary, ["backup", copy, "--database", sandbox.location])
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("integrity_check: ok") && backup.output.contains("audit chain intact"), "\(backup.output)")
        #expect(load.waitForMoreWrites(), "writes go on after the backup")
        #expect(try runProcess(sandbox.binary, ["backup", copy, "--database", sandbox.location]).status != 0, "a backup never replaces a file")

        // Refused while the server holds the database; the server is unharmed.
        let refused = try runProcess(sandbox.binary, ["restore", copy, "--replace", "--database", sandbox.location])
        #expect(refused.status != 0)
        #expect(refused.output.contains("in use by another process"), "\(refused.output)")
        #expect(ServerLocks.held(pid: server.process.processIdentifier, database: sandbox.location))
        #expect(load.waitForMoreWrites(), "writes go on after the refused restore")
        load.stop()
        server.stop()

        let notReplaced = try runProcess(sandbox.binary, ["restore", copy, "--database", sandbox.location])
        #expect(notReplaced.status != 0 && notReplaced.output.contains("--replace"), "\(notReplaced.output)")
        let restored = try runProcess(sandbox.binary, ["restore", copy, "--replace", "--database", sandbox.location])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.output.contains("integrity_check: ok") && restored.output.contains("audit chain intact"), "\(restored.output)")
        #expect(try runProcess(sandbox.binary, ["audit", "verify", "--database", sandbox.location]).status == 0)

        let again = try sandbox.start()
        let missing = try missingCases(again.port, before, writer)
        #expect(before.count >= 50)
        #expect(missing == 0, "\(missing) of \(before.count) cases acknowledged before the backup are missing after the restore")
        let after = load.acknowledged.all.dropFirst(before.count)
        let present = try after.filter { try fetch(again.port, "GET", $0.0, headers: writer).status == 200 }.count
        #expect(present < after.count, "cases acknowledged after the backup ended are not in it (\(present) of \(after.count))")
    }
}
