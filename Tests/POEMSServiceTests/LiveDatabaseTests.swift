import Foundation
import Testing

/// Commands run beside a live server: nothing the server acknowledged may
/// be lost because another process opened the same database.
@Suite struct LiveDatabaseTests {
    /// The server's immutable-attribute check once opened and closed the
    /// database file, its -wal and -shm on each readiness probe: that
    /// dropped the server's POSIX locks, so the next CLI command (here
    /// `keys list`) took the database for unused, checkpointed and deleted
    /// the live WAL, and the server's later writes went into a file with no
    /// name: gone after a restart.
    @Test(.enabled(if: TestEngine.isSQLite, "POSIX locks on the SQLite file"))
    func aCommandAfterReadinessLosesNoAcknowledgedCase() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let authorization = bearer(try sandbox.createKey("live-writer", role: .writer))
        let server = try sandbox.start()
        let pid = server.process.processIdentifier
        #expect(ServerLocks.held(pid: pid, database: sandbox.location), "the server holds its locks once started")

        let first = try createCase(server.port, "live-1", authorization)
        #expect(try fetch(server.port, "GET", "/readyz").status == 200)
        #expect(ServerLocks.held(pid: pid, database: sandbox.location), "the server still holds its locks after /readyz")

        let listed = try runProcess(sandbox.binary, ["keys", "list", "--database", sandbox.location])
        #expect(listed.status == 0, "keys list: \(listed.output)")
        #expect(ServerLocks.held(pid: pid, database: sandbox.location), "the server still holds its locks after keys list")
        let second = try createCase(server.port, "live-2", authorization)

        kill(pid, SIGKILL)
        server.process.waitUntilExit()
        let restarted = try sandbox.start()
        for location in [first, second] {
            #expect(try fetch(restarted.port, "GET", location, headers: authorization).status == 200, "\(location) survives the restart")
        }
    }

    /// Every documented command, run while a writer and a poller keep the
    /// server busy; then SIGKILL and a restart: every acknowledged case is
    /// there with its `case.create` event, the chain verifies, the
    /// administrative acts are in it, and (SQLite) the server's locks were
    /// held after each command.
    @Test func everyDocumentedCommandIsSafeBesideALiveServer() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let writer = bearer(try sandbox.createKey("live-writer", role: .writer))
        let admin = bearer(try sandbox.createKey("live-admin", role: .admin))
        let server = try sandbox.start()
        let pid = server.process.processIdentifier
        let load = BackgroundLoad(port: server.port, authorization: writer, name: "live")
        defer { load.stop() }
        #expect(load.waitForMoreWrites(5), "the writer is acknowledging cases")

        let terminology = sandbox.directory.appendingPathComponent("local-codes.json")
        try Data(#"""
            {"rows": [{"system": "urn:oid:1.2.3.4", "code": "VEGF-P", "display": "VEGF, plasma (local)", "kind": "lab", "target": "vegf-plasma",
                       "source": "St Elsewhere laboratory catalogue", "evidence": "local"}]}
            """#.utf8).write(to: terminology)
        let purged = try createCase(server.port, "live-purged", writer)
        var commands: [[String]] = [
            ["keys", "create", "--name", "live-extra", "--role", "reader"],
            ["keys", "list"],
            ["keys", "revoke", "live-extra"],
            ["audit", "verify"],
            ["migrate"],
            ["terminology", "import", terminology.path],
            ["cases", "purge", String(purged.dropFirst("/v1/cases/".count)), "--reason", "entered-in-error"],
        ]
        if TestEngine.isSQLite { commands.append(["backup", sandbox.directory.appendingPathComponent("live-backup.sqlite").path]) }
        for command in commands {
            let result = try runProcess(sandbox.binary, command + ["--database", sandbox.location])
            #expect(result.status == 0, "poemsd \(command.joined(separator: " ")): \(result.output)")
            if TestEngine.isSQLite {
                #expect(ServerLocks.held(pid: pid, database: sandbox.location), "the server holds its locks after \(command.prefix(2))")
            }
            #expect(load.waitForMoreWrites(), "writes are acknowledged after \(command.prefix(2))")
        }
        load.stop()
        #expect(load.polls.value > 0)

        kill(pid, SIGKILL)
        server.process.waitUntilExit()
        let restarted = try sandbox.start()
        let acknowledged = load.acknowledged.all
        let missing = try missingCases(restarted.port, acknowledged, writer)
        #expect(missing == 0, "\(missing) of \(acknowledged.count) acknowledged cases are missing or changed after the restart")

        let events = try auditEvents(restarted.port, admin)
        let created = Set(events.filter { $0["action"] as? String == "case.create" && $0["status"] as? Int == 201 }.compactMap { $0["caseId"] as? String })
        let acknowledgedIDs = Set(acknowledged.map { String($0.0.dropFirst("/v1/cases/".count)) })
        #expect(acknowledgedIDs.subtracting(created).isEmpty, "\(acknowledgedIDs.subtracting(created).count) acknowledged cases have no case.create event")
        let actor = AdministrativeActor.current
        let administrative = events.filter { $0["key"] as? String == actor && $0["method"] as? String == "CLI" }
        #expect(administrative.map { $0["action"] as? String ?? "" }.filter { $0 != "migration.apply" }
                == ["key.create", "key.create", "key.create", "key.revoke", "terminology.import", "case.purge"])
        #expect(administrative.contains { $0["route"] as? String == "poemsd keys revoke live-extra" && $0["status"] as? Int == 0 })
        #expect(try fetch(restarted.port, "GET", purged, headers: writer).status == 410, "the purge beside the live server holds after the restart")
        let migrations = administrative.filter { $0["action"] as? String == "migration.apply" }
        #expect(!migrations.isEmpty && migrations.allSatisfy { ($0["route"] as? String)?.hasPrefix("poemsd migrate: ") == true },
                "the migrations applied by poemsd migrate are recorded")

        let verified = try runProcess(sandbox.binary, ["audit", "verify", "--database", sandbox.location])
        #expect(verified.status == 0 && verified.output.contains("audit chain intact"), "\(verified.output)")
    }
}

/// The actor of administrative events from this process's user: `cli:<user>`.
enum AdministrativeActor {
    static var current: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "cli:\(geteuid())" }
        return "cli:" + String(cString: name)
    }
}

/// Every event of the audit trail, through `GET /v1/audit` (admin), page by page.
func auditEvents(_ port: Int, _ admin: [(String, String)]) throws -> [[String: Any]] {
    var events: [[String: Any]] = []
    var cursor: String?
    repeat {
        let page = try fetch(port, "GET", "/v1/audit?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""), headers: admin).json()
        events += page["events"] as? [[String: Any]] ?? []
        cursor = page["nextCursor"] as? String
    } while cursor != nil
    return events
}

/// Creates a case and returns its location (`/v1/cases/{id}`).
func createCase(_ port: Int, _ reference: String, _ authorization: [(String, String)]) throws -> String {
    let body = #"{"patientRef": "\#(reference)", "findings": {"polyneuropathy": true}}"#
    let response = try fetch(port, "POST", "/v1/cases", json: body, headers: authorization)
    guard response.status == 201, let location = response.header("Location") else {
        throw TestClientError.malformed("POST /v1/cases: \(response.status) \(response.text)")
    }
    return location
}
