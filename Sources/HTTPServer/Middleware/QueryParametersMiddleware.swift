/// Query strings are part of the contract: a parameter the route does not
/// declare (``RouteOptions/queryParameters``), or one given twice, is
/// refused with 400 `invalid-parameter` before the handler runs, never
/// silently ignored (a misspelt filter must not return unfiltered data).
public struct QueryParametersMiddleware: RouterMiddleware {
    public init() {}

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        if let allowed = context.options.queryParameters, let problem = Self.problem(request.query, allowed: allowed) {
            return sink.complete(.failure(problem))
        }
        next(request, context, sink)
    }

    static func problem(_ query: QueryParameters, allowed: Set<String>) -> ProblemDetails? {
        var seen: Set<String> = []
        for name in query.names {
            guard allowed.contains(name) else {
                let known = allowed.isEmpty ? "this endpoint takes no query parameters" : "known: \(allowed.sorted().joined(separator: ", "))"
                return .invalidParameter("Unknown query parameter '\(name)'; \(known).", parameter: name)
            }
            guard seen.insert(name).inserted else {
                return .invalidParameter("Query parameter '\(name)' is given more than once.", parameter: name)
            }
        }
        return nil
    }
}
