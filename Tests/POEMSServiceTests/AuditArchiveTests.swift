import Foundation
import POEMSStorage
import Testing

/// `poemsd audit archive` and `audit verify --archive`, through the real
/// binary on either engine: archived events leave the table into the file,
/// the remaining chain follows the recorded cut, archive files verify with
/// it in order, and a changed, missing, misordered or foreign file, or a
/// changed cut, is named; a failure before the commit leaves the trail as
/// it was; an archive beside a writing server loses no acknowledged event.
@Suite struct AuditArchiveTests {
    @Test func archivesVerifyWithTheTrailAndEveryBreakIsNamed() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        _ = try sandbox.createKey("archive-admin", role: .admin)
        let location = sandbox.location
        func poemsd(_ arguments: [String]) throws -> (status: Int32, output: String) {
            try runProcess(sandbox.binary, arguments + ["--database", location])
        }
        func verify(_ archives: [String] = []) throws -> (status: Int32, output: String) {
            try poemsd(["audit", "verify"] + archives.flatMap { ["--archive", $0] })
        }
        func path(_ name: String) -> String { sandbox.directory.appendingPathComponent(name).path }
        let events = try TestSQL.count(location, "SELECT count(*) FROM audit_events")
        #expect(events >= 2, "migrations and the key's creation are audited")

        // A --before in the future archives every event but the archive's own.
        let first = path("audit-1.jsonl")
        let archived = try poemsd(["audit", "archive", "--before", "2999-01-01", first])
        #expect(archived.status == 0, "\(archived.output)")
        #expect(archived.output.contains("archived \(events) audit event(s), events 1-\(events)"), "\(archived.output)")
        #expect(archived.output.contains("cut head: event \(events) "), "\(archived.output)")
        #expect(try TestSQL.count(location, "SELECT count(*) FROM audit_events") == 1)
        #expect(try TestSQL.count(location, "SELECT count(*) FROM audit_events WHERE action = 'audit.archive' AND id = \(events + 1)") == 1)
        let lines = try String(contentsOfFile: first, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == events + 1, "a header and one line per event")
        #expect(lines[0].contains(#""format":"poemsd-audit-archive-1""#) && lines[0].contains(#""through":{"id":\#(events),"#), "\(lines[0])")
        #expect(!FileManager.default.fileExists(atPath: first + ".partial"))

        let alone = try verify()
        #expect(alone.status == 0, "\(alone.output)")
        #expect(alone.output.contains("follow the archive cut through event \(events)"), "\(alone.output)")
        #expect(alone.output.contains("audit chain intact: 1 event(s) after the archive cut"), "\(alone.output)")
        let withFile = try verify([first])
        #expect(withFile.status == 0, "\(withFile.output)")
        #expect(withFile.output.contains("audit chain intact: \(events + 1) event(s) (\(events) archived, 1 in the database)"), "\(withFile.output)")

        // DEST is never replaced; nothing changes.
        let again = try poemsd(["audit", "archive", "--before", "2999-01-01", first])
        #expect(again.status == 1 && again.output.contains("exists: an archive never replaces a file"), "\(again.output)")
        #expect(try TestSQL.count(location, "SELECT count(*) FROM audit_events") == 1)
        // Ordinary deletions are still refused.
        #expect(throws: (any Error).self) { try TestSQL.execute(location, "DELETE FROM audit_events") }

        // A second archive continues from the first cut.
        _ = try poemsd(["keys", "create", "--name", "archive-reader", "--role", "reader"])
        let second = path("audit-2.jsonl")
        let next = try poemsd(["audit", "archive", "--before", "2999-01-01", second])
        #expect(next.status == 0 && next.output.contains("archived 2 audit event(s), events \(events + 1)-\(events + 2)"), "\(next.output)")
        let both = try verify([first, second])
        #expect(both.status == 0 && both.output.contains("(\(events + 2) archived, 1 in the database)"), "\(both.output)")
        let latest = try verify([second])
        #expect(latest.status == 0 && latest.output.contains("the archives start after the cut through event \(events)"), "\(latest.output)")

        // An anchor in an archived range is checked in the archives (or against a cut's head).
        func hash(_ line: String) throws -> String {
            try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["hash"] as? String)
        }
        let anchor = "2:\(try hash(lines[2]))"
        let anchored = try poemsd(["audit", "verify", "--anchor", anchor, "--archive", first, "--archive", second])
        #expect(anchored.status == 0, "\(anchored.output)")
        let unchecked = try poemsd(["audit", "verify", "--anchor", anchor])
        #expect(unchecked.status == 1 && unchecked.output.contains("the anchored event 2 was archived"), "\(unchecked.output)")
        let other = try poemsd(["audit", "verify", "--anchor", "2:\(String(repeating: "0", count: 64))", "--archive", first, "--archive", second])
        #expect(other.status == 1 && other.output.contains("BROKEN at event 2 in archive \(first): event 2 is the anchored event but its hash differs"),
                "\(other.output)")
        #expect(try poemsd(["audit", "verify", "--anchor", "\(events):\(try hash(lines[events]))"]).status == 0, "a cut's head is checked against the cut")

        let reversed = try verify([second, first])
        #expect(reversed.status == 1, "\(reversed.output)")
        #expect(reversed.output.contains("BROKEN at event 1 in archive \(first): the archive starts at event 1, not right after event \(events + 2)"),
                "\(reversed.output)")
        let missing = try verify([first])
        #expect(missing.status == 1, "\(missing.output)")
        #expect(missing.output.contains("BROKEN at event \(events + 1): events \(events + 1)–\(events + 2) were archived (into audit-2.jsonl), but no archive given holds them"),
                "\(missing.output)")

        // One archived event changed: named.
        let tampered = path("tampered.jsonl")
        var changed = lines
        changed[2] = changed[2].replacingOccurrences(of: #""status":0,"#, with: #""status":7,"#)
        #expect(changed[2] != lines[2])
        try Data((changed.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: tampered))
        let broken = try verify([tampered, second])
        #expect(broken.status == 1, "\(broken.output)")
        #expect(broken.output.contains("BROKEN at event 2 in archive \(tampered): event 2 was changed after it was written"), "\(broken.output)")

        // A file that is not one this database archived: its events chain, but no cut ends where it does.
        let foreign = path("foreign.jsonl")
        let shortened = Array(lines.dropLast())
        let last = try #require(try JSONSerialization.jsonObject(with: Data(shortened[shortened.count - 1].utf8)) as? [String: Any])
        var header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        header["through"] = ["id": events - 1, "hash": try #require(last["hash"] as? String)]
        header["events"] = events - 1
        let headerLine = String(decoding: try JSONSerialization.data(withJSONObject: header), as: UTF8.self)
        try Data((([headerLine] + shortened.dropFirst()).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: foreign))
        let wrong = try verify([foreign, second])
        #expect(wrong.status == 1, "\(wrong.output)")
        #expect(wrong.output.contains("BROKEN at event \(events - 1) in archive \(foreign): the archive ends at event \(events - 1), but the database records no cut there"),
                "\(wrong.output)")

        // The first file removed: the database alone still verifies (and says so); naming it fails.
        try FileManager.default.removeItem(atPath: first)
        #expect(try verify().status == 0)
        let gone = try verify([first, second])
        #expect(gone.status == 1 && gone.output.contains("cannot open the archive \(first)"), "\(gone.output)")

        // The database's record of the last cut changed: the remaining chain no longer follows it.
        if TestEngine.isPostgres {
            try TestSQL.execute(location, "ALTER TABLE audit_archive_cuts DISABLE TRIGGER audit_archive_cuts_append_only")
        } else {
            try TestSQL.execute(location, "DROP TRIGGER audit_archive_cuts_no_update")
        }
        try TestSQL.execute(location, "UPDATE audit_archive_cuts SET through_hash = '\(String(repeating: "ab", count: 32))' WHERE through_id = \(events + 2)")
        let cut = try verify()
        #expect(cut.status == 1, "\(cut.output)")
        #expect(cut.output.contains("BROKEN at event \(events + 3): event \(events + 3) does not follow the archive cut through event \(events + 2)"),
                "\(cut.output)")
    }

    /// The archive's transaction fails after it removed the events (a
    /// trigger the test adds refuses the deletion): the trail is as it
    /// was, with no archive event and no cut, and no file is left.
    @Test func aFailureBeforeTheCommitLeavesTheTrailAndNoFile() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        _ = try sandbox.createKey("archive-admin", role: .admin)
        let location = sandbox.location
        let before = try runProcess(sandbox.binary, ["audit", "verify", "--database", location])
        #expect(before.status == 0)
        let events = try TestSQL.count(location, "SELECT count(*) FROM audit_events")

        if TestEngine.isPostgres {
            try TestSQL.execute(location, "CREATE FUNCTION refuse_archive() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$")
            try TestSQL.execute(location, "CREATE TRIGGER refuse_archive AFTER DELETE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_archive()")
        } else {
            try TestSQL.execute(location, "CREATE TRIGGER refuse_archive AFTER DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        }
        let destination = sandbox.directory.appendingPathComponent("audit.jsonl").path
        let failed = try runProcess(sandbox.binary, ["audit", "archive", "--before", "2999-01-01", destination, "--database", location])
        #expect(failed.status == 1, "\(failed.output)")
        // PostgreSQL's message is never reported (it can quote values): its SQLSTATE is.
        #expect(failed.output.contains(TestEngine.isPostgres ? "P0001" : "refused by the test"), "\(failed.output)")
        #expect(!FileManager.default.fileExists(atPath: destination) && !FileManager.default.fileExists(atPath: destination + ".partial"))
        #expect(try TestSQL.count(location, "SELECT count(*) FROM audit_events") == events)
        #expect(try TestSQL.count(location, "SELECT count(*) FROM audit_events WHERE action = 'audit.archive'") == 0)
        #expect(try TestSQL.count(location, "SELECT count(*) FROM audit_archive_cuts") == 0)
        let after = try runProcess(sandbox.binary, ["audit", "verify", "--database", location])
        #expect(after.status == 0 && after.output == before.output, "the trail is as it was: \(after.output)")

        try TestSQL.execute(location, "DROP TRIGGER refuse_archive" + (TestEngine.isPostgres ? " ON audit_events" : ""))
        let archived = try runProcess(sandbox.binary, ["audit", "archive", "--before", "2999-01-01", destination, "--database", location])
        #expect(archived.status == 0 && archived.output.contains("archived \(events) audit event(s)"), "\(archived.output)")
    }

    /// An archive while a server writes cases and reads: the server goes
    /// on appending, and after a SIGKILL and a restart the trail verifies
    /// with the archive, and every acknowledged case's `case.create` event
    /// is in the archive or in the table.
    @Test func anArchiveBesideAWritingServerLosesNoAcknowledgedEvent() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let writer = bearer(try sandbox.createKey("archive-writer", role: .writer))
        let admin = bearer(try sandbox.createKey("archive-admin", role: .admin))
        let server = try sandbox.start()
        let load = BackgroundLoad(port: server.port, authorization: writer, name: "archive")
        defer { load.stop() }
        #expect(load.waitForMoreWrites(20), "the writer is acknowledging cases")

        let destination = sandbox.directory.appendingPathComponent("audit.jsonl").path
        let archived = try runProcess(sandbox.binary, ["audit", "archive", "--before", Timestamp.now(), destination, "--database", sandbox.location])
        #expect(archived.status == 0 && archived.output.contains("archived "), "\(archived.output)")
        #expect(load.waitForMoreWrites(), "writes go on after the archive")
        load.stop()
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()

        let restarted = try sandbox.start()
        let verified = try runProcess(sandbox.binary, ["audit", "verify", "--archive", destination, "--database", sandbox.location])
        #expect(verified.status == 0 && verified.output.contains("audit chain intact"), "\(verified.output)")

        let lines = try String(contentsOfFile: destination, encoding: .utf8).split(separator: "\n").dropFirst()
        let archivedEvents = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let remaining = try auditEvents(restarted.port, admin)
        let page = try fetch(restarted.port, "GET", "/v1/audit?limit=1", headers: admin).json()
        let head = try #require(page["chainHead"] as? [String: Any])
        #expect((head["id"] as? Int ?? 0) >= (remaining.last?["id"] as? Int ?? .max), "GET /v1/audit's chainHead is the last event (or a later read's)")
        #expect(remaining.first?["id"] as? Int == (archivedEvents.last?["id"] as? Int).map { $0 + 1 }, "the table continues where the archive ends")

        let created = Set((archivedEvents + remaining).filter { $0["action"] as? String == "case.create" && $0["status"] as? Int == 201 }
            .compactMap { $0["caseId"] as? String })
        let acknowledged = Set(load.acknowledged.all.map { String($0.0.dropFirst("/v1/cases/".count)) })
        #expect(acknowledged.count >= 23)
        #expect(acknowledged.subtracting(created).isEmpty, "\(acknowledged.subtracting(created).count) acknowledged cases have no case.create event")
        #expect(archivedEvents.contains { $0["action"] as? String == "case.create" }, "events of the load were archived")
        #expect(remaining.contains { $0["action"] as? String == "case.create" }, "events written after the archive are in the table")
    }
}
