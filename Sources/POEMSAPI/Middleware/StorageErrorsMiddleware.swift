import HTTPServer

/// Storage failures as the problems a client can act on (503 with
/// `Retry-After`, ``StorageProblem``) rather than 500, for every route and
/// the key lookup.
struct StorageErrorsMiddleware: RouterMiddleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        next(request, context, sink) { $0.mapError(StorageProblem.map) }
    }
}
