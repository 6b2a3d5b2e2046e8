/// What the server reports about each request as its response is queued,
/// to ``MetricsMiddleware`` (metrics). Carries
/// the route pattern, never the path, so no identifier in a URL reaches it.
public struct CompletedRequest: Sendable {
    public var method: String
    /// The route pattern (`/items/{id}`), or `unmatched`.
    public var route: String
    public var status: Int
    /// From the request head's arrival to the response being queued.
    public var duration: Duration
}
