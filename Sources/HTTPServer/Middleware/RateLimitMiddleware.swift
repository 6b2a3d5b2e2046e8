/// 429 with `Retry-After` when a client key has used up its budget in a
/// ``RateLimiter``. Which requests have a key (the API key that
/// authenticated them, say) is decided above the transport by `key`; a
/// request without one is not limited, and gets no rate-limit fields.
///
/// Every answer to a limited request carries the budget as
/// ``RateLimitFields`` (`RateLimit-Policy` and `RateLimit`): the 429, and
/// whatever the rest of the chain answers: a response (a 304 too) or a
/// ``ResponseError`` (a problem of the route). An error that is not a
/// `ResponseError` is left as it is, for the middleware outside to map (a
/// storage failure).
public struct RateLimitMiddleware: RouterMiddleware {
    let limiter: RateLimiter
    let policy: String
    let key: @Sendable (HTTPRequest, RequestContext) -> String?

    /// - Parameters:
    ///   - policy: the policy's name in the fields (`"default"`).
    ///   - key: the client a request counts against, or `nil` to leave it unlimited.
    public init(_ limiter: RateLimiter, policy: String = "default", key: @escaping @Sendable (HTTPRequest, RequestContext) -> String?) {
        self.limiter = limiter
        self.policy = policy
        self.key = key
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        guard let key = key(request, context) else { return next(request, context, sink) }
        let decision = limiter.acquire(key)
        let fields = RateLimitFields(policy: policy, limiter: limiter, decision: decision)
        if case .deny(let retryAfter) = decision {
            var problem = ProblemDetails.tooManyRequests(retryAfter: retryAfter)
            fields.apply(to: &problem.headers)
            return sink.complete(.failure(problem))
        }
        next(request, context, sink) { result in
            switch result {
            case .success(var response):
                fields.apply(to: &response.headers)
                return .success(response)
            case .failure(var problem as ProblemDetails):
                fields.apply(to: &problem.headers)
                return .failure(problem)
            case .failure(let error as any ResponseError):
                return .failure(ResponseErrorWithHeaders(error, apply: fields.apply))
            case .failure:
                return result
            }
        }
    }
}
