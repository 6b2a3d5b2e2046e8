/// What a route declares besides its handler, read by the middleware chain:
/// the query parameters it takes, its `Cache-Control`, how a conditional GET
/// can be answered without running it, and values for middleware above the
/// transport (a role, an audit action).
public struct RouteOptions: Sendable {
    /// The query parameter names the route takes. Any other, or one given
    /// twice, is refused (400 `invalid-parameter`) before the handler runs
    /// (``QueryParametersMiddleware``); `nil` checks nothing (a request
    /// that matched no route).
    public var queryParameters: Set<String>?
    /// The `Cache-Control` of the route's successful responses that set
    /// none (``CacheControlMiddleware``).
    public var cacheControl: String?
    /// The representation's current strong `ETag`, found cheaply (one
    /// indexed lookup), so that ``ConditionalRequestMiddleware`` can answer
    /// 304 without running the handler; `nil` (or a tag not recently
    /// served) runs it.
    public var currentEntityTag: (@Sendable (HTTPRequest, RequestContext) throws -> String?)?
    /// Run the chain and the handler on the polling thread rather than a
    /// worker: only for handlers that answer in microseconds without I/O
    /// (a static document, a liveness probe).
    public var runsOnPollingThread: Bool
    /// Values for middleware that knows what they mean.
    public var attributes: ContextValues
    /// Body limits of this route for some media types (the essence of the
    /// request's `Content-Type`, lowercased), in bytes, instead of
    /// ``HTTPServerConfiguration/maximumBodyBytes``: a route that takes
    /// documents of a larger kind declares their limit. Chosen when the
    /// headers arrive, before any body is read.
    public var maximumBodyBytesByMediaType: [String: Int] = [:]
    /// The route's errors in another format, for the clients that speak it
    /// (``ProblemFormat``); `nil` answers problem+json.
    public var problemFormat: ProblemFormat?

    public init(queryParameters: Set<String>? = [], cacheControl: String? = nil, runsOnPollingThread: Bool = false,
                attributes: ContextValues = ContextValues()) {
        self.queryParameters = queryParameters
        self.cacheControl = cacheControl
        self.runsOnPollingThread = runsOnPollingThread
        self.attributes = attributes
    }

    /// For a request no route answers (404, 405, a refused request): on the
    /// polling thread, nothing checked.
    static let unrouted = RouteOptions(queryParameters: nil, runsOnPollingThread: true)
}
