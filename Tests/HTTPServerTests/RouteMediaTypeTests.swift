import Dispatch
import Foundation
import HTTPServer
import Testing

/// What a route declares for a media type of its own: a body limit other
/// than the server's (``RouteOptions/maximumBodyBytesByMediaType``), chosen
/// before the body is read, and its errors in another format
/// (``RouteOptions/problemFormat``) for the requests that send or accept
/// that type: the route's problems, the 413 answered before it runs, a
/// failure's 500, a shutdown's 503, each with the problem's header fields.
@Suite struct RouteMediaTypeTests {
    static let document = "application/x-document+json"

    /// The format: `{"error": slug, "status": …, "says": detail}`.
    static let format = ProblemFormat(mediaType: document) { problem in
        let object: [String: Any] = ["error": problem.type, "status": problem.status, "says": problem.detail ?? "", "id": problem.requestId ?? ""]
        return Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func server(_ configure: (inout Router) -> Void) throws -> HTTPServer {
        try DeferredHandlerTests.server(settings: { $0.maximumBodyBytes = 1024 }, configure)
    }

    static func options() -> RouteOptions {
        var options = RouteOptions()
        options.maximumBodyBytesByMediaType[document] = 8192
        options.problemFormat = format
        return options
    }

    static func post(_ port: Int, _ path: String, _ contentType: String, bytes: Int, headers: String = "", chunked: Bool = false) throws -> String {
        let connection = try RawConnection(port: port)
        let body = String(repeating: "x", count: bytes)
        if chunked {
            let chunks = stride(from: 0, to: bytes, by: 1000).map { String(min(1000, bytes - $0), radix: 16) + "\r\n" + String(repeating: "x", count: min(1000, bytes - $0)) + "\r\n" }
            try connection.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\(headers)Connection: close\r\n\r\n"
                + chunks.joined() + "0\r\n\r\n")
        } else {
            try connection.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes)\r\n\(headers)Connection: close\r\n\r\n" + body)
        }
        return try connection.readAll()
    }

    @Test func aMediaTypeOfTheRouteHasItsOwnBodyLimitAndErrorFormat() throws {
        let server = try Self.server { router in
            router.post("/documents", options: Self.options()) { request, _ in
                if request.query["fail"] != nil {
                    throw ProblemDetails(type: "busy", title: "Busy", status: 503, detail: "Later.", headers: ["Retry-After": "7"])
                }
                return HTTPResponse(status: 200, body: Array("read \(request.body.count)".utf8))
            }
            router.post("/other") { request, _ in HTTPResponse(status: 200, body: Array("read \(request.body.count)".utf8)) }
        }
        defer { server.shutdown() }
        let port = server.port
        // The document's limit, by Content-Length and chunked.
        #expect(try Self.post(port, "/documents", Self.document + "; version=2", bytes: 5000).hasSuffix("read 5000"))
        #expect(try Self.post(port, "/documents", Self.document, bytes: 5000, chunked: true).hasSuffix("read 5000"))
        for chunked in [false, true] {
            let refused = try Self.post(port, "/documents", Self.document, bytes: 9000, chunked: chunked)
            #expect(refused.hasPrefix("HTTP/1.1 413"))
            #expect(refused.contains("Content-Type: \(Self.document)"))
            #expect(refused.contains(#""error":"urn:example:problem:content-too-large""#))
            #expect(refused.contains("The request body exceeds the limit of 8192 bytes."))
            #expect(refused.contains(#""id":""#) && !refused.contains(#""id":"""#), "the request id is given to the format")
        }
        // Any other type keeps the server's limit and problem+json; so does the type on another route.
        let json = try Self.post(port, "/documents", "application/json", bytes: 2000)
        #expect(json.hasPrefix("HTTP/1.1 413") && json.contains("application/problem+json") && json.contains("limit of 1024 bytes"))
        let other = try Self.post(port, "/other", Self.document, bytes: 2000)
        #expect(other.hasPrefix("HTTP/1.1 413") && other.contains("application/problem+json"))

        // The route's problems, with their header fields; for a client accepting the type too.
        let failed = try Self.post(port, "/documents?fail=1", Self.document, bytes: 10)
        #expect(failed.hasPrefix("HTTP/1.1 503") && failed.contains("Retry-After: 7") && failed.contains(#""error":"urn:example:problem:busy""#))
        let accepting = try Self.post(port, "/documents?fail=1", "text/plain", bytes: 10, headers: "Accept: \(Self.document)\r\n")
        #expect(accepting.contains("Content-Type: \(Self.document)"))
        let either = try Self.post(port, "/documents?fail=1", "text/plain", bytes: 10, headers: "Accept: \(Self.document), application/problem+json\r\n")
        #expect(either.contains("application/problem+json"))
        let refusing = try Self.post(port, "/documents?fail=1", "text/plain", bytes: 10, headers: "Accept: \(Self.document);q=0\r\n")
        #expect(refusing.contains("application/problem+json"))
    }

    struct Boom: Error {}

    @Test func aFailureAndAShutdownAreAnsweredInTheFormat() async throws {
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let server = try Self.server { router in
            router.post("/boom", options: Self.options()) { _, _ in throw Boom() }
            router.add("POST", "/stuck", options: Self.options(), .deferred { _, _, sink in
                Thread {
                    entered.signal()
                    release.wait()
                    sink.complete(HTTPResponse(status: 200))
                }.start()
            })
        }
        let failed = try Self.post(server.port, "/boom", Self.document, bytes: 10)
        #expect(failed.hasPrefix("HTTP/1.1 500") && failed.contains(#""error":"urn:example:problem:internal-error""#))

        let connection = try RawConnection(port: server.port)
        try connection.send("POST /stuck HTTP/1.1\r\nHost: x\r\nContent-Type: \(Self.document)\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        entered.wait()
        server.shutdown(drainTimeout: .milliseconds(100))
        let response = await connection.readAllOnAThread()
        #expect(response.hasPrefix("HTTP/1.1 503"))
        #expect(response.contains("Content-Type: \(Self.document)") && response.contains(#""error":"urn:example:problem:service-unavailable""#))
        release.signal()
    }
}
