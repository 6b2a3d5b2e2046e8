/// What a route runs: a function of the request and its explicit context.
public enum Handler: Sendable {
    public typealias Immediate = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
    public typealias Deferred = @Sendable (HTTPRequest, RequestContext, ResponseSink) -> Void
    public typealias Asynchronous = @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse

    /// Answers at once, on the thread that runs the chain (a worker, or the
    /// polling thread for routes declared `runsOnPollingThread`).
    case immediate(Immediate)

    /// Answers later, from any thread, through the `ResponseSink` (a write
    /// answered when the group-commit writer has made it durable). The
    /// connection is suspended meanwhile.
    case deferred(Deferred)

    /// Answers from an async function on Swift's cooperative pool, whose
    /// task is the request's one thread hop: the chain before it runs on
    /// the polling thread, so such a route must not need middleware that
    /// blocks (no API-key authentication).
    case asynchronous(Asynchronous)

    /// A handler written as an async function: never block the cooperative pool in it.
    public static func async(_ body: @escaping Asynchronous) -> Handler { .asynchronous(body) }
}
