/// 429 with `Retry-After` when a client key has used up its budget in a
/// ``RateLimiter``. Which requests have a key (the API key that
/// authenticated them, say) is decided above the transport by `key`; a
/// request without one is not limited.
public struct RateLimitMiddleware: RouterMiddleware {
    let limiter: RateLimiter
    let key: @Sendable (HTTPRequest, RequestContext) -> String?

    public init(_ limiter: RateLimiter, key: @escaping @Sendable (HTTPRequest, RequestContext) -> String?) {
        self.limiter = limiter
        self.key = key
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        if let key = key(request, context), case .deny(let retryAfter) = limiter.acquire(key) {
            return sink.complete(.failure(ProblemDetails.tooManyRequests(retryAfter: retryAfter)))
        }
        next(request, context, sink)
    }
}
