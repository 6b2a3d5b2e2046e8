import Foundation
import POEMSStorage
import Testing

/// Durability: the real `poemsd` process is killed with SIGKILL while many
/// clients create cases; after a restart every case that got a 201 is there
/// with identical content, and the database is intact.
@Suite struct CrashTests {
    /// Starts `poemsd serve` on a free port and returns it with its port,
    /// read from its "listening" log line.
    static func start(_ binary: String, database: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0", "--database", database, "--log-level", "info",
                             "--rate-limit", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"port=(\d+)"#, options: .regularExpression) {
                let port = Int(log[range].dropFirst(5))!
                // Keep draining the log so the server never blocks on a full pipe.
                errors.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
                return (process, port)
            }
        }
        process.terminate()
        throw TestClientError.malformed("poemsd did not report its port: \(log)")
    }

    @Test func everyAcknowledgedCaseSurvivesSIGKILL() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("poems.sqlite").path
        let key = try runProcess(binary, ["keys", "create", "--name", "crash-test", "--role", "writer", "--database", database])
        let token = try #require(key.output.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("poemsd_") }.map(String.init))
        let authorization = [("Authorization", "Bearer \(token)")]

        let (server, port) = try Self.start(binary, database: database)
        let acknowledged = LockedResponses()
        let stop = LockedFlag()
        // Clients on threads of their own: blocking I/O on Dispatch's pool
        // would starve it (and Swift concurrency, which shares it).
        let clients = DispatchGroup()
        for worker in 0..<32 {
            clients.enter()
            Thread.detachNewThread {
                defer { clients.leave() }
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
        // Kill it mid-load, once some writes were acknowledged.
        let deadline = Date().addingTimeInterval(20)
        while acknowledged.count < 200 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        stop.set()
        clients.wait()
        let saved = acknowledged.all
        #expect(saved.count >= 200)

        let (restarted, newPort) = try Self.start(binary, database: database)
        defer { restarted.terminate(); restarted.waitUntilExit() }
        var missing = 0, different = 0
        for (location, body) in saved {
            let read = try fetch(newPort, "GET", location, headers: authorization)
            if read.status != 200 { missing += 1 } else if read.body != body { different += 1 }
        }
        #expect(missing == 0, "\(missing) of \(saved.count) acknowledged cases are missing after SIGKILL")
        #expect(different == 0, "\(different) acknowledged cases changed")
        let check = try Database(path: database)
        #expect(try check.scalarText("PRAGMA integrity_check") == "ok")
    }
}
