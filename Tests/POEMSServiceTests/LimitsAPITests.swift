import Dispatch
import Foundation
import Testing

/// Abuse limits end to end over loopback: JSON shape, target and header
/// sizes, malformed HTTP and per-client connections, each refused without
/// disturbing other clients.
@Suite struct LimitsAPITests {
    static func expectProblem(_ response: WireResponse, _ status: Int, _ slug: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
        #expect(try response.json()["type"] as? String == "urn:poemsd:problem:\(slug)", sourceLocation: sourceLocation)
    }

    @Test func deepNestingIs400BeforeParsing() throws {
        try withService { service in
            let deep = #"{"findings": {}, "patient": "# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
            let response = try fetch(service.port, "POST", "/v1/evaluations", json: deep)
            try Self.expectProblem(response, 400, "json-too-deep")
            #expect(try response.json()["pointer"] as? String == "/patient" + String(repeating: "/0", count: 31))
            // A configured limit applies.
            let shallow = #"{"findings": {"organomegaly": {"splenomegaly": true}}}"#
            #expect(try fetch(service.port, "POST", "/v1/evaluations", json: shallow).status == 200)
        }
        try withService(configure: { $0.http.jsonLimits.maximumDepth = 2 }) { service in
            let response = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {"organomegaly": {"splenomegaly": true}}}"#)
            try Self.expectProblem(response, 400, "json-too-deep")
            #expect(try response.json()["pointer"] as? String == "/findings/organomegaly")
        }
    }

    @Test func overlongStringIs400WithPointer() throws {
        try withService { service in
            let json = #"{"findings": {}, "patient": {"sex": ""# + String(repeating: "x", count: 10_001) + #""}}"#
            let response = try fetch(service.port, "POST", "/v1/evaluations", json: json)
            try Self.expectProblem(response, 400, "string-too-long")
            #expect(try response.json()["pointer"] as? String == "/patient/sex")
        }
    }

    @Test func longTargetIs414ProblemJSON() throws {
        try withService { service in
            let response = try fetch(service.port, "GET", "/v1/criteria?q=" + String(repeating: "a", count: 9000))
            try Self.expectProblem(response, 414, "uri-too-long")
            #expect(response.header("X-Request-Id") != nil)
            #expect(try fetch(service.port, "GET", "/v1/" + String(repeating: "a", count: 8000)).status == 404)
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func hugeHeadersAre431ProblemJSON() throws {
        try withService { service in
            let one = try fetch(service.port, "GET", "/healthz", headers: [("X-Big", String(repeating: "a", count: 40_000))])
            try Self.expectProblem(one, 431, "header-fields-too-large")
            let many = try fetch(service.port, "GET", "/healthz", headers: (0..<40).map { ("X-Field-\($0)", String(repeating: "b", count: 1000)) })
            try Self.expectProblem(many, 431, "header-fields-too-large")
            #expect(try fetch(service.port, "GET", "/healthz", headers: [("X-Big", String(repeating: "a", count: 20_000))]).status == 200)
        }
    }

    @Test func beyondLibmicrohttpdsBufferItAnswersItselfInHTML() throws {
        // Documented behaviour of libmicrohttpd 0.9.75 once a request line or
        // header block overflows its connection buffer: 414 or 431 with its
        // own HTML body, no Content-Type, and the connection closed.
        try withService { service in
            let target = try fetch(service.port, "GET", "/" + String(repeating: "a", count: 300_000))
            #expect(target.status == 414)
            #expect(target.header("Content-Type") == nil)
            #expect(target.text.hasPrefix("<html>"))
            let headers = try fetch(service.port, "GET", "/healthz", headers: [("X-Big", String(repeating: "a", count: 300_000))])
            #expect(headers.status == 431)
            #expect(headers.text.hasPrefix("<html>"))
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    /// Sends `raw` on its own connection; the status, or nil when the
    /// server closed the connection (or stayed silent) without answering.
    static func statusOfRaw(_ port: Int, _ raw: String) -> (status: Int?, contentType: String?) {
        guard let connection = try? TestConnection(port: port, timeoutSeconds: 3) else { return (nil, nil) }
        guard (try? connection.send(raw: raw)) != nil, let response = try? connection.receive(method: "POST") else { return (nil, nil) }
        return (response.status, response.header("Content-Type"))
    }

    @Test func malformedHTTPIsRefusedWithoutDisturbingOthers() throws {
        try withService { service in
            let port = service.port
            let stop = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0), served = DispatchSemaphore(value: 0)
            let healthy = LockedCounter(), unhealthy = LockedCounter()
            let watcher = Thread {
                defer { finished.signal() }
                let connection = try? TestConnection(port: port)
                while stop.wait(timeout: .now()) == .timedOut {
                    if let response = try? connection?.request("GET", "/healthz"), response.status == 200 { healthy.increment(); served.signal() } else { unhealthy.increment() }
                }
            }
            watcher.start()
            defer { stop.signal() }

            let body = #"{"findings": {}}"#
            let garbage = Self.statusOfRaw(port, "GARBAGE\r\n\r\n")
            #expect(garbage.status == nil || (400..<500).contains(garbage.status!))
            let noColon = Self.statusOfRaw(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
            #expect(noColon.status == 400)

            let smuggled = Self.statusOfRaw(port, "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n")
            #expect(smuggled.status == 400)
            #expect(smuggled.contentType == "application/problem+json")

            let twoLengths = Self.statusOfRaw(port, "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nContent-Length: \(body.utf8.count + 1)\r\n\r\n" + body + " ")
            #expect(twoLengths.status == 400)
            #expect(twoLengths.contentType == "application/problem+json")

            let lengthList = Self.statusOfRaw(port, "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 16, 17\r\n\r\n" + body + " ")
            #expect(lengthList.status == nil || lengthList.status == 400)

            // The other client was served throughout.
            #expect(served.wait(timeout: .now() + 10) == .success)
            stop.signal()
            #expect(finished.wait(timeout: .now() + 10) == .success)
            #expect(healthy.value > 0)
            #expect(unhealthy.value == 0)
            let after = try fetch(port, "GET", "/healthz")
            #expect(after.status == 200)
        }
    }

    @Test func perClientConnectionLimitRefusesTheNextConnection() throws {
        try withService(configure: { $0.http.perClientConnectionLimit = 2 }) { service in
            let first = try TestConnection(port: service.port), second = try TestConnection(port: service.port)
            #expect(try first.request("GET", "/healthz").status == 200)
            #expect(try second.request("GET", "/healthz").status == 200)
            let third = try TestConnection(port: service.port, timeoutSeconds: 3)
            #expect(throws: (any Error).self) { try third.request("GET", "/healthz") }
            // The admitted connections keep working.
            #expect(try first.request("GET", "/healthz").status == 200)
            #expect(try second.request("GET", "/readyz").status == 200)
        }
    }
}
