import Dispatch
import Foundation
import HTTPServer
import Logging
import Testing

/// The HTTP layer on its own: deferred handlers answer from another thread
/// while their connection is suspended, errors never leak, and shutdown
/// waits for a suspended request.
// Serialized: these tests block their thread while a handler runs elsewhere;
// run in parallel on a two-core machine they could occupy every thread of the
// cooperative pool that an async handler needs.
@Suite(.serialized) struct DeferredHandlerTests {
    struct Boom: Error { let secret = "patient 1234" }

    /// A server started on a free port, with one polling thread, the routes
    /// `configure` adds and what `settings` changes of the configuration.
    static func server(settings: (inout HTTPServerConfiguration) -> Void = { _ in }, _ configure: (inout Router) -> Void) throws -> HTTPServer {
        var router = Router()
        configure(&router)
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 1
        configuration.problemTypePrefix = "urn:example:problem:"
        settings(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = HTTPServer(configuration: configuration, router: router, logger: logger)
        try server.start()
        return server
    }

    @Test func deferredHandlerFreesThePollingThread() throws {
        // One polling thread: if the slow deferred handler blocked it, the
        // fast request could not be answered until the slow one finished.
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let server = try Self.server { router in
            router.add("GET", "/slow", .deferred { _, _, sink in
                started.signal()
                DispatchQueue.global().async {
                    release.wait()
                    sink.complete(HTTPResponse(status: 200, body: Array("slow".utf8)))
                }
            })
            router.get("/fast") { _, _ in HTTPResponse(status: 200, body: Array("fast".utf8)) }
        }
        defer { server.shutdown() }

        let slow = try RawConnection(port: server.port)
        try slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(started.wait(timeout: .now() + 10) == .success, "the slow request reached its handler")
        let fast = try RawConnection(port: server.port)
        try fast.send("GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try fast.readAll().hasSuffix("fast"))
        release.signal()
        let slowResponse = try slow.readResponse()
        #expect(slowResponse.hasPrefix("HTTP/1.1 200"))
        #expect(slowResponse.hasSuffix("slow"))
    }

    @Test func asyncHandlerAnswers() async throws {
        let server = try Self.server { router in
            router.add("POST", "/echo", .async { request, context in
                try await Task.sleep(for: .milliseconds(20))
                return HTTPResponse(status: 201, headers: ["X-Route": context.route], body: request.body)
            })
        }
        defer { server.shutdown() }
        let connection = try RawConnection(port: server.port)
        try connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
        let response = await connection.readAllOnAThread()
        #expect(response.hasPrefix("HTTP/1.1 201"))
        #expect(response.contains("X-Route: /echo"))
        #expect(response.hasSuffix("hello"))
    }

    @Test func aServerStartsOnce() throws {
        let server = try Self.server { _ in }
        #expect(throws: HTTPServerError.self) { try server.start() }
        server.shutdown()
        #expect(throws: HTTPServerError.self, "not after shutdown either") { try server.start() }
    }

    @Test func shutdownAnswersAHandlerThatOutlivesTheDrainDeadline() async throws {
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let server = try Self.server { router in
            router.add("GET", "/stuck", .deferred { _, _, sink in
                Thread {
                    entered.signal()
                    release.wait()
                    sink.complete(HTTPResponse(status: 200, body: Array("late".utf8)))
                    finished.signal()
                }.start()
            })
        }
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /stuck HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        entered.wait()
        // Returns although the handler has not answered: the deadline bounds the wait.
        server.shutdown(drainTimeout: .milliseconds(100))
        let response = await connection.readAllOnAThread()
        #expect(response.hasPrefix("HTTP/1.1 503"))
        #expect(response.contains("application/problem+json"))
        // The handler's late answer is dropped, touching nothing of the stopped server.
        release.signal()
        #expect(finished.wait(timeout: .now() + 5) == .success)
    }

    @Test func unexpectedErrorsAre500WithoutInternals() async throws {
        let server = try Self.server { router in
            router.get("/immediate") { _, _ in throw Boom() }
            router.add("GET", "/deferred", .async { _, _ in throw Boom() })
        }
        defer { server.shutdown() }
        for path in ["/immediate", "/deferred"] {
            let connection = try RawConnection(port: server.port)
            try connection.send("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let response = await connection.readAllOnAThread()
            #expect(response.hasPrefix("HTTP/1.1 500"), "\(path)")
            #expect(response.contains("application/problem+json"))
            #expect(response.contains("urn:example:problem:internal-error"), "the configured problem type prefix")
            #expect(!response.contains("1234") && !response.contains("Boom"), "\(path) leaks internals")
        }
    }

    @Test func shutdownWaitsForASuspendedRequest() throws {
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let server = try Self.server { router in
            router.add("GET", "/slow", .deferred { _, _, sink in
                started.signal()
                DispatchQueue.global().async {
                    release.wait()
                    sink.complete(HTTPResponse(status: 200, body: Array("done".utf8)))
                }
            })
        }
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(started.wait(timeout: .now() + 10) == .success, "the request reached its handler")
        #expect(server.lifecycle.requestsInFlight == 1)
        let stopped = DispatchSemaphore(value: 0), shuttingDown = DispatchSemaphore(value: 0)
        server.lifecycle.onShutdown { shuttingDown.signal() }
        Thread.detachNewThread { server.shutdown(drainTimeout: .seconds(5)); stopped.signal() }
        #expect(shuttingDown.wait(timeout: .now() + 10) == .success)
        #expect(server.lifecycle.isShuttingDown)
        #expect(stopped.wait(timeout: .now() + 0.1) == .timedOut, "shutdown must wait for the suspended request")
        release.signal()
        let response = try connection.readResponse()
        #expect(response.hasPrefix("HTTP/1.1 200"))
        #expect(response.contains("Connection: close"))
        #expect(stopped.wait(timeout: .now() + 5) == .success)
    }

    @Test func routerMatchesParametersAndReportsAllowedMethods() {
        var router = Router()
        router.get("/v1/cases/{id}") { _, _ in HTTPResponse(status: 200) }
        router.put("/v1/cases/{id}") { _, _ in HTTPResponse(status: 200) }
        router.get("/v1/cases/{id}/revisions") { _, _ in HTTPResponse(status: 200) }
        guard case .found(_, let route, let parameters) = router.match(method: "GET", path: "/v1/cases/abc") else {
            Issue.record("no match"); return
        }
        #expect(route == "/v1/cases/{id}")
        #expect(parameters == ["id": "abc"])
        guard case .methodNotAllowed(let allowed) = router.match(method: "POST", path: "/v1/cases/abc") else {
            Issue.record("expected 405"); return
        }
        #expect(Set(allowed) == ["GET", "HEAD", "PUT"])
        if case .notFound = router.match(method: "GET", path: "/v1/cases/") {} else { Issue.record("an empty id must not match") }
        if case .found = router.match(method: "HEAD", path: "/v1/cases/abc/revisions") {} else { Issue.record("HEAD routes like GET") }
    }
}

/// A bare TCP client for these tests.
// Unchecked: used by one thread at a time (`readAllOnAThread` hands it over).
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // deinit closes it (the object is fully initialized): closing here too
        // could close a descriptor another test has just been given.
        if status != 0 { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw POSIXError(.EPIPE)
        }
    }

    /// Everything until the server closes the connection.
    func readAll() throws -> String {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data.append(contentsOf: chunk[..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `readAll` on a thread of its own, awaited: the test gives its
    /// cooperative thread back meanwhile, so an async handler can run on it
    /// even when other tests' blocking waits hold every other one.
    func readAllOnAThread() async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: (try? self.readAll()) ?? "") }.start()
        }
    }

    /// One Content-Length framed response.
    func readResponse() throws -> String {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let text = String(decoding: data, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound]
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { return text }
            }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { throw POSIXError(.ECONNRESET) }
            data.append(contentsOf: chunk[..<count])
        }
    }
}
