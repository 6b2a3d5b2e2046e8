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
