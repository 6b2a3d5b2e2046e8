import Foundation
import Testing

/// `poemsd serve --log-format json`: every line of standard error is one
/// JSON object, and request lines carry what log pipelines index on.
@Suite(.enabled(if: TestEngine.isSQLite, "the binary on its own, once")) struct JSONLogTests {
    @Test func everyLineIsAJSONObjectWithTheRequestFields() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("poems.sqlite").path
        #expect(try runProcess(binary, ["migrate", "--database", database]).status == 0)
        let key = try runProcess(binary, ["keys", "create", "--name", "dashboard", "--role", "writer", "--database", database])
        let token = try #require(key.output.split(separator: "\n").first { $0.hasPrefix("poemsd_") }.map(String.init))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0", "--database", database, "--log-format", "json", "--no-bootstrap-key"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = LogCollector(errors.fileHandleForReading)
        let listening = try #require(log.waitForLine { $0.contains(#""message":"listening""#) }, "the server logged no listening line: \(log.text)")
        let port = try #require(Int((try Self.object(listening))["port"] as? String ?? ""))

        let auth = [("Authorization", "Bearer \(token)")]
        #expect(try fetch(port, "GET", "/healthz").status == 200)
        #expect(try fetch(port, "GET", "/v1/cases?patientRef=MRN-LOG-SECRET", headers: auth + [("X-Request-Id", "json-log-1")]).status == 200)
        #expect(try fetch(port, "POST", "/v1/cases", json: #"{"patientRef": "MRN-LOG-SECRET", "findings": {}}"#, headers: auth).status == 201)
        #expect(try fetch(port, "GET", "/v1/cases", headers: [("Authorization", "Bearer \(token)x")]).status == 401)
        process.terminate()
        process.waitUntilExit()
        log.waitForEnd()
        #expect(process.terminationStatus == 0)

        let lines = log.text.split(separator: "\n").map(String.init)
        #expect(lines.count >= 6)
        var requests: [[String: Any]] = []
        for line in lines {
            let object = try Self.object(line)
            let time = try #require(object["time"] as? String, "\(line)")
            let shaped = time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: String.CompareOptions.regularExpression) != nil
            #expect(shaped, "\(time)")
            #expect(object["level"] is String && object["message"] is String, "\(line)")
            if object["message"] as? String == "request" { requests.append(object) }
        }
        #expect(requests.count == 4)
        for request in requests {
            #expect(request["status"] is Int && request["latency_ms"] is Double, "numbers stay numbers: \(request)")
            #expect(request["method"] is String && request["route"] is String && request["request_id"] is String)
        }
        let listed = try #require(requests.first { $0["request_id"] as? String == "json-log-1" })
        #expect(listed["route"] as? String == "/v1/cases" && listed["status"] as? Int == 200 && listed["key"] as? String == "dashboard")
        #expect(requests.contains { $0["status"] as? Int == 401 && $0["key"] == nil })
        // Never a query string, a patient reference or a token.
        #expect(!log.text.contains("MRN-LOG-SECRET") && !log.text.contains("patientRef") && !log.text.contains(token))
    }

    static func object(_ line: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any], "not a JSON object: \(line)")
    }
}

/// Reads a child's output on its own thread; waits for lines as they come.
final class LogCollector: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer = ""
    private var ended = false

    init(_ handle: FileHandle) {
        Thread.detachNewThread {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                self.condition.lock()
                if count > 0 { self.buffer += String(decoding: chunk[..<count], as: UTF8.self) } else { self.ended = true }
                self.condition.broadcast()
                self.condition.unlock()
                if count <= 0 { return }
            }
        }
    }

    var text: String { condition.lock(); defer { condition.unlock() }; return buffer }

    /// The first complete line matching `predicate`, waiting up to 30 s for it.
    func waitForLine(_ predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(30)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = buffer.split(separator: "\n").map(String.init).first(where: predicate), buffer.contains(line + "\n") { return line }
            if ended || !condition.wait(until: deadline) { return nil }
        }
    }

    /// Waits until the writer closed its end.
    func waitForEnd() {
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
    }
}
