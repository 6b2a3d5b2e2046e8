/// First in the chain: the request's id. The client's `X-Request-Id` is
/// kept when it is 1–64 characters of `A–Z a–z 0–9 - _ . :`; anything
/// longer or carrying any other character is replaced by the id the server
/// generated, so it is never logged, stored in the audit trail or echoed.
/// The transport sends the id back as `X-Request-Id` and in problems.
public struct RequestIDMiddleware: RouterMiddleware {
    public init() {}

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        var context = context
        if let id = RequestID.acceptable(request.headers["X-Request-Id"]) { context.requestID = id }
        context.logger[metadataKey: "request_id"] = "\(context.requestID)"
        next(request, context, sink)
    }
}
