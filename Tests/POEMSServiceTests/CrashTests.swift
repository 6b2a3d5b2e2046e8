import Foundation
import GRDB
import POEMSStorage
import Testing

/// Durability: the real `poemsd` process is killed with SIGKILL while many
/// clients create cases; after a restart every case that got a 201 is there
/// with identical content and its `case.create` audit event, no audit event
/// names a case that was not committed, and the database is intact.
@Suite(.enabled(if: TestEngine.isSQLite, "SIGKILL of a process with its SQLite file")) struct CrashTests {
    @Test func everyAcknowledgedCaseSurvivesSIGKILL() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let authorization = bearer(try sandbox.createKey("crash-test", role: .writer))

        let server = try sandbox.start()
        let port = server.port
        let acknowledged = LockedResponses()
        let stop = LockedFlag()
        // Clients on threads of their own (onThread): blocking I/O on Dispatch's
        // pool would starve it (and Swift concurrency, which shares it).
        let clients = DispatchGroup()
        for worker in 0..<32 {
            onThread(clients) {
                guard let connection = try? TestConnection(port: port, timeoutSeconds: 5) else { return }
                var index = 0
                while !stop.isSet && index < 500 {
                    let body = "{\"patientRef\": \"crash-\(worker)-\(index)\", \"findings\": {\"polyneuropathy\": true, \"papilledema\": \(index % 2 == 0)}}"
                    guard let response = try? connection.request("POST", "/v1/cases", json: body, headers: authorization) else { return }
                    if response.status == 201, let location = response.header("Location") {
                        acknowledged.append(location, response.body)
                    }
                    index += 1
                }
            }
        }
        // Kill it mid-load, once some writes were acknowledged (on a machine
        // shared with other builds, 200 took more than 20 s in a full run).
        _ = acknowledged.waitFor(count: 200, seconds: 90)
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        stop.set()
        clients.wait()
        let saved = acknowledged.all
        #expect(saved.count >= 200)

        let newPort = try sandbox.start().port
        var missing = 0, different = 0
        for (location, body) in saved {
            let read = try fetch(newPort, "GET", location, headers: authorization)
            if read.status != 200 { missing += 1 } else if read.body != body { different += 1 }
        }
        #expect(missing == 0, "\(missing) of \(saved.count) acknowledged cases are missing after SIGKILL")
        #expect(different == 0, "\(different) acknowledged cases changed")
        let check = try DatabaseQueue(path: sandbox.location)
        try check.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let stored = Set(try String.fetchAll(db, sql: "SELECT id FROM cases"))
            let audited = Set(try String.fetchAll(db, sql: "SELECT case_id FROM audit_events WHERE action = 'case.create' AND status = 201"))
            let acknowledgedIDs = Set(saved.map { String($0.0.dropFirst("/v1/cases/".count)) })
            #expect(acknowledgedIDs.subtracting(audited).isEmpty,
                    "\(acknowledgedIDs.subtracting(audited).count) acknowledged cases have no case.create audit event")
            #expect(audited.subtracting(stored).isEmpty, "\(audited.subtracting(stored).count) case.create events name a case that was not committed")
            #expect(stored.subtracting(audited).isEmpty, "\(stored.subtracting(audited).count) committed cases have no case.create event")
        }
    }
}
