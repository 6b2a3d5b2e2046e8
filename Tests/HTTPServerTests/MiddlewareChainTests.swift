import Dispatch
import Foundation
import HTTPServer
import Logging
import Synchronization
import Testing

/// The middleware chain on its own: order, short cuts, what routes declare,
/// and that handlers run off the polling thread.
@Suite(.serialized) struct MiddlewareChainTests {
    /// What middleware saw on the way out, in order.
    final class Trace: Sendable {
        private let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    /// Appends `name` to the response's `X-Order` and `name status` to
    /// `trace` on the way out; refuses requests without `X-Let-In` when
    /// `gate` is set.
    struct Tag: RouterMiddleware {
        let name: String
        var gate = false
        var trace: Trace? = nil

        func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
            if gate && request.headers["X-Let-In"] == nil {
                return sink.complete(.failure(ProblemDetails(type: ProblemDetails.typeURI("gated"), title: "Gated", status: 403)))
            }
            next(request, context, sink) { result in
                trace?.add("\(name) \(result.status)")
                return result.map { response in
                    var response = response
                    response.headers.set("X-Order", (response.headers["X-Order"].map { $0 + "," } ?? "") + name)
                    return response
                }
            }
        }
    }

    static func server(_ configure: (inout Router) -> Void) throws -> HTTPServer { try DeferredHandlerTests.server(configure) }

    static func get(_ port: Int, _ target: String, _ headers: String = "") throws -> String {
        let connection = try RawConnection(port: port)
        try connection.send("GET \(target) HTTP/1.1\r\nHost: x\r\n\(headers)Connection: close\r\n\r\n")
        return try connection.readAll()
    }

    @Test func middlewareWrapsTheHandlerInTheOrderAdded() throws {
        let runs = Atomic<Int>(0)
        let trace = Trace()
        let server = try Self.server { router in
            router.add(middleware: Tag(name: "outer", trace: trace))
            router.add(middleware: Tag(name: "inner", gate: true))
            router.get("/thing") { _, _ in
                runs.add(1, ordering: .relaxed)
                return HTTPResponse(status: 200, body: Array("ok".utf8))
            }
        }
        defer { server.shutdown() }
        let passed = try Self.get(server.port, "/thing", "X-Let-In: 1\r\n")
        #expect(passed.hasPrefix("HTTP/1.1 200") && passed.contains("X-Order: inner,outer"))
        let refused = try Self.get(server.port, "/thing")
        #expect(refused.hasPrefix("HTTP/1.1 403") && refused.contains("urn:example:problem:gated"))
        #expect(runs.load(ordering: .relaxed) == 1, "a refusal does not reach the handler")
        // Requests that match no route go through the chain too.
        #expect(try Self.get(server.port, "/nowhere", "X-Let-In: 1\r\n").hasPrefix("HTTP/1.1 404"))
        #expect(trace.all == ["outer 200", "outer 403", "outer 404"], "the outer middleware sees every result, errors too")
    }

    @Test func aBlockingHandlerDoesNotHoldThePollingThread() throws {
        // One polling thread: were the handler run on it, /fast could not be answered while /block waits.
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let server = try Self.server { router in
            router.get("/block") { _, _ in
                entered.signal()
                release.wait()
                return HTTPResponse(status: 200, body: Array("blocked".utf8))
            }
            router.get("/fast") { _, _ in HTTPResponse(status: 200, body: Array("fast".utf8)) }
        }
        defer { server.shutdown() }
        let blocked = try RawConnection(port: server.port)
        try blocked.send("GET /block HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        entered.wait()
        #expect(try Self.get(server.port, "/fast").hasSuffix("fast"))
        release.signal()
        #expect(try blocked.readAll().hasSuffix("blocked"))
    }

    @Test func routesDeclareTheirQueryParametersAndCaching() throws {
        let server = try Self.server { router in
            router.add(middleware: QueryParametersMiddleware())
            router.add(middleware: CacheControlMiddleware())
            router.get("/search", options: RouteOptions(queryParameters: ["q"], cacheControl: "private, no-cache")) { _, _ in
                HTTPResponse(status: 200)
            }
        }
        defer { server.shutdown() }
        let allowed = try Self.get(server.port, "/search?q=a")
        #expect(allowed.hasPrefix("HTTP/1.1 200") && allowed.contains("Cache-Control: private, no-cache"))
        let unknown = try Self.get(server.port, "/search?q=a&r=b")
        #expect(unknown.hasPrefix("HTTP/1.1 400") && unknown.contains("urn:example:problem:invalid-parameter") && unknown.contains(#""parameter":"r""#))
        #expect(try Self.get(server.port, "/search?q=a&q=b").hasPrefix("HTTP/1.1 400"), "a parameter given twice")
    }

    @Test func aConditionalGetAnsweredFromTheCurrentTagSkipsTheHandler() throws {
        let renders = Atomic<Int>(0)
        let server = try Self.server { router in
            router.add(middleware: ConditionalRequestMiddleware())
            var options = RouteOptions()
            options.currentEntityTag = { _, _ in #""v1""# }
            router.get("/doc", options: options) { _, _ in
                renders.add(1, ordering: .relaxed)
                return HTTPResponse(status: 200, headers: ["ETag": #""v1""#], body: Array("document".utf8))
            }
        }
        defer { server.shutdown() }
        #expect(try Self.get(server.port, "/doc").hasSuffix("document"))
        let poll = try Self.get(server.port, "/doc", "If-None-Match: \"v1\"\r\n")
        #expect(poll.hasPrefix("HTTP/1.1 304"))
        #expect(poll.contains("Content-Length: 8"), "the length of the representation it stands for")
        #expect(renders.load(ordering: .relaxed) == 1, "the 304 came from the tag, without rendering")
    }
}
