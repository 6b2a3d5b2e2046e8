import Foundation
import Testing
@testable import POEMSAPI

/// The service foundation, end to end over HTTP: health, errors as problem
/// details, request ids, connection handling and graceful shutdown.
@Suite struct FoundationTests {
    @Test func healthAndReadinessAnswerHealthJSON() throws {
        try withService { service in
            let health = try fetch(service.port, "GET", "/healthz")
            #expect(health.status == 200)
            #expect(health.header("Content-Type") == "application/health+json")
            #expect(try health.json()["status"] as? String == "pass")

            let ready = try fetch(service.port, "GET", "/readyz")
            #expect(ready.status == 200)
            let checks = try ready.json()["checks"] as? [String: Any]
            #expect(checks?["database"] != nil)
            #expect(checks?["lifecycle"] != nil)
        }
    }

    @Test func unknownRouteIs404ProblemJSON() throws {
        try withService { service in
            let response = try fetch(service.port, "GET", "/v1/nothing-here")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.json()
            #expect(problem["type"] as? String == "urn:poemsd:problem:not-found")
            #expect(problem["status"] as? Int == 404)
            #expect(problem["title"] as? String == "Not Found")
            #expect(problem["requestId"] as? String == response.header("X-Request-Id"))
        }
    }

    @Test func wrongMethodIs405WithAllow() throws {
        try withService { service in
            let response = try fetch(service.port, "DELETE", "/healthz")
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, HEAD")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.json()["type"] as? String == "urn:poemsd:problem:method-not-allowed")
        }
    }

    @Test func bodyThatIsNotJSONIs415() throws {
        try withService { service in
            let response = try fetch(service.port, "POST", "/v1/evaluations",
                                     headers: [("Content-Type", "text/plain")], body: Array("findings".utf8))
            #expect(response.status == 415)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.json()["type"] as? String == "urn:poemsd:problem:unsupported-media-type")
        }
    }

    @Test func malformedJSONIs400() throws {
        try withService { service in
            let response = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {"polyneuropathy": tru"#)
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.json()["type"] as? String == "urn:poemsd:problem:malformed-json")
        }
    }

    @Test func oversizedBodyIs413ByContentLength() throws {
        try withService(configure: { $0.http.maximumBodyBytes = 1024 }) { service in
            let body = Array(("{\"findings\":{},\"x\":\"" + String(repeating: "a", count: 4096) + "\"}").utf8)
            let response = try fetch(service.port, "POST", "/v1/evaluations", headers: [("Content-Type", "application/json")], body: body)
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.json()["type"] as? String == "urn:poemsd:problem:content-too-large")
            // The server is unaffected.
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func oversizedChunkedBodyIs413() throws {
        try withService(configure: { $0.http.maximumBodyBytes = 1024 }) { service in
            let connection = try TestConnection(port: service.port)
            var raw = "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            for _ in 0..<8 { raw += "200\r\n" + String(repeating: " ", count: 512) + "\r\n" }
            raw += "0\r\n\r\n"
            try connection.send(raw: raw)
            let response = try connection.receive(method: "POST")
            #expect(response.status == 413)
            #expect(try response.json()["type"] as? String == "urn:poemsd:problem:content-too-large")
        }
    }

    @Test func anEndlessChunkedBodyIsCutOff() throws {
        try withService(configure: { $0.http.maximumBodyBytes = 1024 }) { service in
            let connection = try TestConnection(port: service.port)
            try connection.send(raw: "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            var cutOff = false
            for _ in 0..<400 where !cutOff {
                do { try connection.send(raw: "200\r\n" + String(repeating: " ", count: 512) + "\r\n") } catch { cutOff = true }
            }
            #expect(cutOff || connection.isClosedByServer(), "the server stops reading a body far past the cap")
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func requestIdIsEchoedOrGenerated() throws {
        try withService { service in
            let echoed = try fetch(service.port, "GET", "/healthz", headers: [("X-Request-Id", "ehr-42.retry:1")])
            #expect(echoed.header("X-Request-Id") == "ehr-42.retry:1")

            let generated = try fetch(service.port, "GET", "/healthz")
            let id = try #require(generated.header("X-Request-Id"))
            #expect(id.count == 32)

            // An id that could forge a log line is replaced, not echoed.
            let unsafe = try fetch(service.port, "GET", "/healthz", headers: [("X-Request-Id", "a b\"c")])
            #expect(unsafe.header("X-Request-Id") != "a b\"c")
            #expect(unsafe.header("X-Request-Id")?.count == 32)
        }
    }

    @Test func keepAliveServesManySequentialRequestsOnOneConnection() throws {
        try withService { service in
            let connection = try TestConnection(port: service.port)
            for index in 0..<300 {
                let response = try connection.request("GET", index.isMultiple(of: 2) ? "/healthz" : "/readyz",
                                                      headers: [("X-Request-Id", "seq-\(index)")])
                #expect(response.status == 200)
                #expect(response.header("X-Request-Id") == "seq-\(index)")
            }
        }
    }

    @Test func concurrentRequestsFromManyConnections() throws {
        try withService { service in
            let port = service.port
            let failures = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: 32) { worker in
                do {
                    let connection = try TestConnection(port: port)
                    for index in 0..<25 {
                        let response = try connection.request("GET", "/healthz", headers: [("X-Request-Id", "w\(worker)-\(index)")])
                        if response.status != 200 || response.header("X-Request-Id") != "w\(worker)-\(index)" { failures.increment() }
                    }
                } catch {
                    failures.increment()
                }
            }
            #expect(failures.value == 0)
        }
    }

    @Test func slowClientIsDroppedAfterTimeoutWithoutBlockingOthers() throws {
        try withService(configure: { $0.http.connectionTimeoutSeconds = 1 }) { service in
            let silent = try TestConnection(port: service.port, timeoutSeconds: 10)
            // Others are served while the silent client holds its connection.
            for _ in 0..<20 { #expect(try fetch(service.port, "GET", "/healthz").status == 200) }
            let start = Date()
            #expect(silent.isClosedByServer())
            let waited = Date().timeIntervalSince(start)
            #expect(waited < 8, "closed by the server's timeout, not by the client's 10 s read timeout")
        }
    }

    @Test func gracefulShutdownCompletesInFlightRequests() throws {
        let service = try TestService(configure: { $0.shutdownGracePeriod = .milliseconds(600); $0.drainTimeout = .seconds(10) })
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let port = service.port

        // A request in flight: headers and half the body sent.
        let body = Array(#"{"findings": {"polyneuropathy": true}}"#.utf8)
        let inFlight = try TestConnection(port: port)
        try inFlight.send(raw: Array("POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body[..<10])
        // The server has seen its headers before the shutdown begins: it is
        // in flight beside the scrape that asks.
        let deadline = Date().addingTimeInterval(10)
        var inFlightSeen = false
        while !inFlightSeen && Date() < deadline {
            let metrics = try fetch(port, "GET", "/metrics").text
            inFlightSeen = metrics.split(separator: "\n").contains { $0.hasPrefix("poemsd_http_requests_in_flight ") && (Double($0.split(separator: " ").last ?? "") ?? 0) >= 2 }
        }
        #expect(inFlightSeen, "the half-sent request is in flight")

        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread { service.service.stop(); stopped.signal() }

        // During the grace period readiness fails (as soon as the shutdown
        // begins) but requests are still served.
        var readiness = try fetch(port, "GET", "/readyz")
        while readiness.status == 200 && Date() < deadline { readiness = try fetch(port, "GET", "/readyz") }
        #expect(readiness.status == 503)
        #expect(readiness.header("Connection")?.lowercased() == "close")

        // The in-flight request completes after the shutdown began.
        try inFlight.send(raw: Array(body[10...]))
        let response = try inFlight.receive(method: "POST")
        #expect(response.status != 503)
        #expect(response.status < 500)
        #expect(response.header("Connection")?.lowercased() == "close")

        #expect(stopped.wait(timeout: .now() + 10) == .success)
        #expect(throws: (any Error).self) { try fetch(port, "GET", "/healthz") }
    }

    @Test func healthcheckCommandProbesTheServer() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let port = try withService { service in
            let healthy = try runProcess(binary, ["healthcheck", "--port", "\(service.port)"])
            #expect(healthy.status == 0, "\(healthy.output)")
            let ready = try runProcess(binary, ["healthcheck", "--port", "\(service.port)", "--path", "/readyz"])
            #expect(ready.status == 0)
            return service.port
        }
        // Stopped: nothing answers, the probe fails.
        let down = try runProcess(binary, ["healthcheck", "--port", "\(port)"])
        #expect(down.status != 0)
    }

    @Test func openAPIDocumentValidatesAsOpenAPI31() throws {
        try withService { service in
            let response = try fetch(service.port, "GET", "/openapi.json")
            #expect(response.status == 200)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            // Its version is the service's; the file's placeholder is filled in.
            #expect((document["info"] as? [String: Any])?["version"] as? String == ServiceVersion.current)
            #expect(!response.text.contains("${SERVICE_VERSION}"))
            let file = service.directory.appendingPathComponent("openapi.json")
            try Data(response.body).write(to: file)
            let result = try runProcess("/usr/bin/env", ["python3", "-c", """
                import json, sys
                from openapi_spec_validator import validate
                from openapi_spec_validator.readers import read_from_filename
                spec, _ = read_from_filename(sys.argv[1])
                validate(spec)
                print("valid")
                """, file.path])
            #expect(result.status == 0, "openapi-spec-validator: \(result.output)")
            #expect(result.output.contains("valid"))

            // Every route the server has is described.
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for route in service.service.server.routes {
                #expect(paths[route.pattern]?[route.method.lowercased()] != nil, "\(route.method) \(route.pattern) is not in /openapi.json")
            }
        }
    }
}

func runProcess(_ executable: String, _ arguments: [String], input: Data? = nil, directory: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    // read(2) directly, retrying on EINTR: FileHandle.readDataToEndOfFile
    // traps when a signal (another test's child exiting) interrupts it.
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    let descriptor = pipe.fileHandleForReading.fileDescriptor
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { output.append(contentsOf: chunk[..<count]); continue }
        if count < 0 && errno == EINTR { continue }
        break
    }
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
