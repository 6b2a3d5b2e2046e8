/// Reports each request to `record` as its answer is ready (before it is
/// sent, so a client that has the answer can count on it being counted):
/// method, route pattern, status and duration, never the path.
public struct MetricsMiddleware: RouterMiddleware {
    let record: @Sendable (CompletedRequest) -> Void

    /// - Parameter record: called on the thread that completes the request,
    ///   so it must be quick (count, do not block).
    public init(_ record: @escaping @Sendable (CompletedRequest) -> Void) { self.record = record }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        next(request, context, sink) { result in
            record(CompletedRequest(method: request.method, route: context.route, status: result.status,
                                    duration: ContinuousClock.now - context.receivedAt))
            return result
        }
    }
}
