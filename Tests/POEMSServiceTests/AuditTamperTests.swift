import Foundation
import Testing

/// Tampering with the audit trail as someone holding the database file
/// would: the sqlite3 CLI drops the triggers and changes, removes or forges
/// rows; the real `poemsd audit verify` names the first broken event each
/// time, and passes the untouched trail.
@Suite(.enabled(if: TestEngine.isSQLite, "the sqlite3 CLI on a SQLite file (PostgresStorageTests tampers on PostgreSQL)")) struct AuditTamperTests {
    @Test func auditVerifyCatchesRowsChangedRemovedAndForgedWithTheSQLiteCLI() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let sqlite3 = "/usr/bin/sqlite3"
        try #require(FileManager.default.isExecutableFile(atPath: sqlite3), "the sqlite3 CLI (scripts/install-dependencies.sh --test)")
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = directory.appendingPathComponent("poems.sqlite").path

        // A trail written by the real server: case writes and reads, and the audit reads.
        var head: (id: Int, hash: String)?
        try withService(configure: { $0.databasePath = original }) { service in
            for index in 0..<3 {
                let created = try fetch(service.port, "POST", "/v1/cases", json: #"{"patientRef": "tamper-\#(index)", "findings": {}}"#)
                #expect(created.status == 201)
                #expect(try fetch(service.port, "GET", try #require(created.header("Location"))).status == 200)
            }
            let page = try fetch(service.port, "GET", "/v1/audit?limit=500").json()
            let events = try #require(page["events"] as? [[String: Any]])
            #expect(events.count >= 3, "the creations commit with their events")
            for event in events { #expect((event["hash"] as? String)?.count == 64) }
            let chainHead = try #require(page["chainHead"] as? [String: Any])
            head = (try #require(chainHead["id"] as? Int), try #require(chainHead["hash"] as? String))
            #expect(head?.id ?? 0 >= events.count)
        }
        let anchor = try #require(head)

        func verify(_ path: String, _ extra: [String] = []) throws -> (status: Int32, output: String) {
            try runProcess(binary, ["audit", "verify", "--database", path] + extra)
        }
        /// A copy of the trail with `sql` run on it by the sqlite3 CLI.
        func tampered(_ name: String, _ sql: String) throws -> String {
            let path = directory.appendingPathComponent("\(name).sqlite").path
            try FileManager.default.copyItem(atPath: original, toPath: path)
            // Committed pages may still be in the write-ahead log.
            if FileManager.default.fileExists(atPath: original + "-wal") {
                try FileManager.default.copyItem(atPath: original + "-wal", toPath: path + "-wal")
            }
            let result = try runProcess(sqlite3, [path, sql])
            #expect(result.status == 0, "sqlite3: \(result.output)")
            return path
        }

        let intact = try verify(original, ["--anchor", "\(anchor.id):\(anchor.hash)"])
        #expect(intact.status == 0)
        #expect(intact.output.contains("audit chain intact"), "\(intact.output)")

        // With the triggers in place, the CLI cannot overwrite an event.
        let replace = try runProcess(sqlite3, [original, """
            INSERT OR REPLACE INTO audit_events SELECT 2, at, key_name, 'case.delete', method, route, case_id, status, request_id, client_address, prev_hash, hash FROM audit_events WHERE id = 2;
            """])
        #expect(replace.status != 0)
        #expect(replace.output.contains("only appended"), "\(replace.output)")

        let last = try #require(Int(try runProcess(sqlite3, [original, "SELECT max(id) FROM audit_events"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(last >= anchor.id)
        let cases: [(name: String, sql: String, expected: String)] = [
            ("altered", "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET status = 204, case_id = 'someone-else' WHERE id = 2;",
             "BROKEN at event 2: event 2 was changed after it was written"),
            ("removed", "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 3;",
             "BROKEN at event 4: event 4 does not follow event 2"),
            ("replaced", """
                DROP TRIGGER audit_events_append_only;
                INSERT OR REPLACE INTO audit_events SELECT 2, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash
                FROM audit_events WHERE id = 4;
                """, "BROKEN at event 2: event 2 does not follow event 1"),
            ("forged", """
                DROP TRIGGER audit_events_append_only;
                INSERT INTO audit_events SELECT id + 1, at, key_name, 'case.delete', method, route, case_id, 204, request_id, client_address, hash,
                  '\(String(repeating: "ab", count: 32))' FROM audit_events WHERE id = (SELECT max(id) FROM audit_events);
                """, "BROKEN at event \(last + 1): event \(last + 1) was changed after it was written"),
        ]
        for (name, sql, expected) in cases {
            let result = try verify(try tampered(name, sql))
            #expect(result.status == 1, "\(name): \(result.output)")
            #expect(result.output.contains(expected), "\(name): \(result.output)")
        }

        // A head that is not the trail's: the rewrite is named.
        let other = try verify(original, ["--anchor", "\(anchor.id):\(String(repeating: "0", count: 64))"])
        #expect(other.status == 1)
        #expect(other.output.contains("BROKEN at event \(anchor.id)"), "\(other.output)")
        // No database: refused, and none is created.
        let missing = directory.appendingPathComponent("missing.sqlite").path
        #expect(try verify(missing).status != 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
