import Dispatch
import Foundation
import HTTPServer
import Logging
import Testing

/// The in-process mode: a router's chain driven without a socket answers
/// as the same server does on loopback.
@Suite struct InProcessResponderTests {
    struct Tag: RouterMiddleware {
        func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
            guard request.headers["X-Allowed"] != nil else { return sink.complete(.failure(ProblemDetails.notFound("Not for you."))) }
            next(request, context, sink) { result in result.map { var response = $0; response.headers.set("X-Tagged", "1"); return response } }
        }
    }

    static func server() -> HTTPServer {
        var router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: Tag())
        router.get("/now") { _, _ in .json(bytes: Array(#"{"answer":"immediate"}"#.utf8)) }
        router.add("POST", "/later", .deferred { request, _, sink in
            // Answered from another thread, as the group-commit writer answers.
            DispatchQueue(label: "elsewhere").async { sink.complete(.json(bytes: request.body, status: 201)) }
        })
        router.add("GET", "/async", .async { _, _ in .json(bytes: Array(#"{"answer":"async"}"#.utf8)) })
        router.get("/big") { _, _ in .json(bytes: Array(("[" + Array(repeating: "\"poems\"", count: 2000).joined(separator: ",") + "]").utf8)) }
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 1
        configuration.problemTypePrefix = "urn:example:problem:"
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return HTTPServer(configuration: configuration, router: router, logger: logger)
    }

    static let allowed: HTTPHeaders = {
        var headers = HTTPHeaders()
        headers.set("X-Allowed", "yes")
        return headers
    }()

    @Test func everyHandlerKindAnswersThroughTheChainWithoutASocket() async throws {
        let server = Self.server()   // never started: no port
        let now = await server.respond(to: HTTPRequest(method: "GET", path: "/now", headers: Self.allowed))
        #expect(now.status == 200 && now.headers["X-Tagged"] == "1" && now.body == Array(#"{"answer":"immediate"}"#.utf8))
        #expect(now.headers["X-Request-Id"]?.count == 32, "finished as a socket's answer is")

        let later = await server.respond(to: HTTPRequest(method: "POST", path: "/later", headers: Self.allowed, body: Array("{}".utf8)))
        #expect(later.status == 201 && later.headers["X-Tagged"] == "1" && later.body == Array("{}".utf8))

        let async = await server.respond(to: HTTPRequest(method: "GET", path: "/async", headers: Self.allowed))
        #expect(async.status == 200 && async.body == Array(#"{"answer":"async"}"#.utf8))

        var gzip = Self.allowed
        gzip.set("Accept-Encoding", "gzip")
        let big = await server.respond(to: HTTPRequest(method: "GET", path: "/big", headers: gzip))
        #expect(big.headers["Content-Encoding"] == "gzip")
    }

    @Test func refusalsAndUnknownRoutesAreProblemsAsOnTheWire() async throws {
        let server = Self.server()
        let refused = await server.respond(to: HTTPRequest(method: "GET", path: "/now"))
        #expect(refused.status == 404 && refused.headers["Content-Type"] == "application/problem+json")
        #expect(String(decoding: refused.body, as: UTF8.self).contains("Not for you."))
        let unknown = await server.respond(to: HTTPRequest(method: "GET", path: "/nowhere", headers: Self.allowed))
        #expect(unknown.status == 404)
        let method = await server.respond(to: HTTPRequest(method: "DELETE", path: "/now", headers: Self.allowed))
        #expect(method.status == 405 && method.headers["Allow"] != nil)
    }

    /// The same request in process and on loopback: the same status, fields
    /// the chain sets, and body.
    @Test func inProcessAndLiveAnswersAgree() async throws {
        let server = Self.server()
        try server.start()
        defer { server.shutdown() }
        // One request id both ways: a problem names it.
        var headers = Self.allowed
        headers.set("X-Request-Id", "in-process-or-live")
        for (method, path) in [("GET", "/now"), ("GET", "/async"), ("GET", "/nowhere")] {
            let local = await server.respond(to: HTTPRequest(method: method, path: path, headers: headers))
            let connection = try RawConnection(port: server.port)
            try connection.send("\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nX-Allowed: yes\r\nX-Request-Id: in-process-or-live\r\nConnection: close\r\n\r\n")
            let wire = await connection.readAllOnAThread()
            let (head, body) = try #require(wire.range(of: "\r\n\r\n").map { (String(wire[..<$0.lowerBound]), String(wire[$0.upperBound...])) })
            #expect(head.hasPrefix("HTTP/1.1 \(local.status) "), "\(method) \(path): \(head)")
            #expect(Array(body.utf8) == local.body, "\(method) \(path)")
            #expect(head.contains("X-Tagged: 1") == (local.headers["X-Tagged"] == "1"), "\(method) \(path)")
        }
    }
}
