import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM to the real `poemsd serve`: the listening socket closes as the
/// drain begins, so new clients are refused at once (and a load balancer
/// retries elsewhere) instead of waiting in the backlog to be reset; the
/// request in flight completes and is stored; the process exits 0.
@Suite(.enabled(if: TestEngine.isSQLite, "the binary on its own, once")) struct DrainTests {
    @Test func sigtermRefusesNewConnectionsAtOnceAndFinishesTheRequestInFlight() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let token = try sandbox.createKey("drain-test", role: .writer)
        let running = try sandbox.start()
        let (server, port, log) = (running.process, running.port, running.log)

        // A write in flight: its headers and half its body are in.
        let body = Array(#"{"patientRef": "drain-1", "findings": {"polyneuropathy": true}}"#.utf8)
        let inFlight = try TestConnection(port: port, timeoutSeconds: 20)
        try inFlight.send(raw: Array("POST /v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n".utf8)
            + Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body.prefix(10))
        // Served before the drain.
        #expect(try fetch(port, "GET", "/healthz").status == 200)

        server.terminate()  // SIGTERM
        #expect(log.waitFor("stopped listening", seconds: 20), "the drain began")
        // New connections are refused at once, again and again, while the write is still in flight.
        for _ in 0..<5 {
            let error = #expect(throws: TestClientError.self) { _ = try TestConnection(port: port) }
            guard case .connect(let code) = error else { Issue.record("connected during the drain"); continue }
            #expect(code == ECONNREFUSED)
        }
        #expect(server.isRunning, "still draining")

        try inFlight.send(raw: Array(body.dropFirst(10)))
        let response = try inFlight.receive(method: "POST")
        #expect(response.status == 201)
        #expect(response.header("Connection")?.lowercased() == "close")
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)

        let stored = try DatabaseQueue(path: sandbox.location).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM cases") }
        #expect(stored == 1, "the write in flight was stored")
    }

    /// A SIGTERM sent the moment the port is announced stops the server.
    /// Its handler was once installed only after the server listened, and
    /// a signal in between was ignored: the process then waited for
    /// another for ever (seen as a whole test run hanging in a tear-down).
    @Test func aSIGTERMAsSoonAsThePortIsAnnouncedStopsTheServer() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        _ = try sandbox.createKey("signal-test", role: .reader)
        for round in 1...10 {
            let server = try sandbox.start()
            kill(server.process.processIdentifier, SIGTERM)
            let exited = eventually(within: 60) { !server.process.isRunning }
            #expect(exited, "round \(round): the server stops on a SIGTERM sent as soon as it announced its port")
            if !exited { kill(server.process.processIdentifier, SIGKILL) }
            server.process.waitUntilExit()
            #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0, "round \(round): exit 0")
        }
    }
}
