import Foundation
import Testing

/// `poemsd cases purge`, end to end on the real binary beside a real
/// server, on either engine: a case with a distinctive patient reference
/// and note in two revisions is purged; then its id answers 410 on every
/// case route, its content is nowhere in the store (SQLite: the file and
/// its WAL; PostgreSQL: a dump), the listing and statistics skip it, the
/// change feed ends it with a `purged` tombstone, the audit trail has one
/// `case.purge` event by `cli:<user>` holding no content, `audit verify`
/// passes, and all of it survives a restart. A second purge changes
/// nothing; an unknown id and a free-text reason are refused. A deleted
/// case keeps its content until it is purged.
@Suite struct CasePurgeTests {
    @Test func aPurgedCaseLeavesOnlyATombstoneAndOneAuditedEvent() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let writer = bearer(try sandbox.createKey("purge-writer", role: .writer))
        let admin = bearer(try sandbox.createKey("purge-admin", role: .admin))
        let server = try sandbox.start()

        // What must disappear: a reference and notes no other row holds.
        let marker = "Zq" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let created = try fetch(server.port, "POST", "/v1/cases", json: #"""
            {"patientRef": "MRN-\#(marker)", "note": "first visit \#(marker)", "findings": {"polyneuropathy": true}}
            """#, headers: writer + [("Idempotency-Key", "purge-1")])
        #expect(created.status == 201, "\(created.text)")
        let location = try #require(created.header("Location"))
        let id = String(location.dropFirst("/v1/cases/".count))
        let updated = try fetch(server.port, "PUT", location, json: #"""
            {"note": "second visit \#(marker)", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}}
            """#, headers: writer + [("If-Match", try #require(created.header("ETag")))])
        #expect(updated.status == 200, "\(updated.text)")
        let bystander = try createCase(server.port, "MRN-bystander", writer)
        #expect(try stored(marker, in: sandbox), "the content is stored before the purge (else the check below proves nothing)")

        let purged = try runProcess(sandbox.binary, ["cases", "purge", id, "--reason", "wrong-patient", "--database", sandbox.location])
        #expect(purged.status == 0, "\(purged.output)")
        #expect(purged.output.contains("purged case \(id)") && purged.output.contains("2 revision(s)"), "\(purged.output)")

        try expectTombstone(id, marker: marker, bystander: bystander, port: server.port, sandbox: sandbox, writer: writer, admin: admin)

        server.stop()
        let restarted = try sandbox.start()
        try expectTombstone(id, marker: marker, bystander: bystander, port: restarted.port, sandbox: sandbox, writer: writer, admin: admin)

        // Again: nothing to do, nothing recorded, exit 0.
        let again = try runProcess(sandbox.binary, ["cases", "purge", id, "--reason", "wrong-patient", "--database", sandbox.location])
        #expect(again.status == 0 && again.output.contains("purged before"), "\(again.output)")
        let unknown = try runProcess(sandbox.binary, ["cases", "purge", "no-such-case", "--reason", "entered-in-error", "--database", sandbox.location])
        #expect(unknown.status == 1 && unknown.output.contains("there is no case 'no-such-case'"), "\(unknown.output)")
        let freeText = try runProcess(sandbox.binary, ["cases", "purge", String(bystander.dropFirst("/v1/cases/".count)), "--reason", "asked by Jane Doe",
                                                       "--database", sandbox.location])
        #expect(freeText.status != 0 && freeText.output.contains("wrong-patient"), "a reason outside the codes is refused: \(freeText.output)")
        #expect(try fetch(restarted.port, "GET", bystander, headers: writer).status == 200, "the refused purge removed nothing")
        let purges = try auditEvents(restarted.port, admin).filter { $0["action"] as? String == "case.purge" }
        #expect(purges.count == 1, "only the purge that removed something is recorded: \(purges)")
    }

    /// `DELETE` only hides a case: its content stays until a purge, which
    /// takes a deleted case as well, and then it answers 410, not 404.
    @Test func aDeletedCaseKeepsItsContentUntilPurged() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let writer = bearer(try sandbox.createKey("purge-writer", role: .writer))
        let server = try sandbox.start()
        let marker = "Zq" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let location = try createCase(server.port, "MRN-\(marker)", writer)
        #expect(try fetch(server.port, "DELETE", location, headers: writer).status == 204)
        #expect(try fetch(server.port, "GET", location, headers: writer).status == 404)
        #expect(try stored(marker, in: sandbox), "a deleted case's content is still stored")

        let purged = try runProcess(sandbox.binary, ["cases", "purge", String(location.dropFirst("/v1/cases/".count)), "--reason", "erasure-request",
                                                     "--database", sandbox.location])
        #expect(purged.status == 0 && purged.output.contains("1 revision(s)"), "\(purged.output)")
        #expect(try fetch(server.port, "GET", location, headers: writer).status == 410)
        #expect(!(try stored(marker, in: sandbox)), "the purge removed what the deletion kept")
    }

    /// What a purged case `id` looks like from outside, on the server at `port`.
    private func expectTombstone(_ id: String, marker: String, bystander: String, port: Int, sandbox: ServerSandbox,
                                 writer: [(String, String)], admin: [(String, String)]) throws {
        let location = "/v1/cases/\(id)"
        let read = try fetch(port, "GET", location, headers: writer)
        #expect(read.status == 410 && read.header("Content-Type") == "application/problem+json", "\(read.status) \(read.text)")
        #expect((try read.json()["type"] as? String)?.hasSuffix("case-purged") == true && !read.text.contains(marker), "\(read.text)")
        #expect(try fetch(port, "GET", location + "/revisions", headers: writer).status == 410)
        #expect(try fetch(port, "DELETE", location, headers: writer).status == 410)
        let put = try fetch(port, "PUT", location, json: #"{"findings": {"polyneuropathy": true}}"#, headers: writer + [("If-Match", "\"x\"")])
        #expect(put.status == 410, "\(put.text)")
        #expect(try fetch(port, "GET", "/v1/cases/never-was-a-case", headers: writer).status == 404, "an unknown id is still 404")

        let listed = try fetch(port, "GET", "/v1/cases?limit=200", headers: writer)
        let ids = (try listed.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(!ids.contains(id) && ids.contains(String(bystander.dropFirst("/v1/cases/".count))), "\(ids)")
        #expect((try fetch(port, "GET", "/v1/cases?patientRef=MRN-\(marker)", headers: writer).json()["items"] as? [Any])?.isEmpty == true)
        #expect(try fetch(port, "GET", "/v1/stats", headers: writer).json()["cases"] as? Int == 1, "the statistics count the bystander only")

        let changes = try fetch(port, "GET", "/v1/changes?after=0&limit=1000", headers: writer).json()["items"] as? [[String: Any]] ?? []
        let mine = changes.filter { $0["caseId"] as? String == id }
        #expect(mine.map { $0["kind"] as? String ?? "" } == ["created", "updated", "purged"])
        #expect(mine.last?["revision"] as? Int == 2 && mine.last?["href"] == nil, "\(mine)")

        let events = try auditEvents(port, admin)
        let purges = events.filter { $0["action"] as? String == "case.purge" }
        #expect(purges.count == 1)
        if let purge = purges.first {
            #expect(purge["key"] as? String == AdministrativeActor.current && purge["method"] as? String == "CLI")
            #expect(purge["caseId"] as? String == id && purge["status"] as? Int == 0)
            #expect(purge["route"] as? String == "poemsd cases purge \(id) (reason: wrong-patient)", "\(purge)")
        }
        let trail = try JSONSerialization.data(withJSONObject: events)
        #expect(!String(decoding: trail, as: UTF8.self).contains(marker), "no audit event holds the case's content")
        let verified = try runProcess(sandbox.binary, ["audit", "verify", "--database", sandbox.location])
        #expect(verified.status == 0 && verified.output.contains("audit chain intact"), "\(verified.output)")

        #expect(!(try stored(marker, in: sandbox)), "the purged content is nowhere in the store")
        #expect(try TestSQL.count(sandbox.location, "SELECT count(*) FROM revisions r JOIN cases c ON c.pk = r.case_pk WHERE c.id = '\(id)'") == 0)
        #expect(try TestSQL.count(sandbox.location, "SELECT count(*) FROM cases WHERE id = '\(id)' AND purged_at IS NOT NULL") == 1,
                "the tombstone keeps the id")
    }

    /// Whether `text` is anywhere in what is stored: the SQLite file and its
    /// WAL, read by the test process (the server is another process, whose
    /// locks this cannot drop), or a dump of the PostgreSQL database.
    private func stored(_ text: String, in sandbox: ServerSandbox) throws -> Bool {
        try TestSQL.storedBytes(sandbox.location).range(of: Data(text.utf8)) != nil
    }
}
