/// The route's declared `Cache-Control` (``RouteOptions/cacheControl``) on
/// its successful and 304 responses that set none: written once here, not
/// in every handler.
public struct CacheControlMiddleware: RouterMiddleware {
    public init() {}

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        guard let value = context.options.cacheControl else { return next(request, context, sink) }
        next(request, context, sink) { result in
            result.map { response in
                guard (200..<300).contains(response.status) || response.status == 304, !response.headers.contains("Cache-Control") else {
                    return response
                }
                var response = response
                response.headers.set("Cache-Control", value)
                return response
            }
        }
    }
}
