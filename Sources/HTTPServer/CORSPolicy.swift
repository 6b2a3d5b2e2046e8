/// Cross-origin resource sharing for browser clients (Fetch standard).
///
/// Only the listed origins may read responses; `*` allows any origin.
/// `Access-Control-Allow-Credentials` is never sent: clients authenticate
/// with an `Authorization` header, which CORS permits without credentials
/// mode, and credentials with `*` would let any site act as the user.
public struct CORSPolicy: Sendable {
    /// Exact origins (`https://dashboard.example.org`), or `*`.
    public var allowedOrigins: [String]
    /// Request headers a browser may send (answered to a preflight).
    public var allowedHeaders: [String] = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id"]
    /// Response headers a browser script may read.
    public var exposedHeaders: [String] = ["ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy", "X-Request-Id", "WWW-Authenticate", "Accept-Patch"]
    /// How long a browser may cache a preflight answer.
    public var maxAgeSeconds = 600

    public init(allowedOrigins: [String]) {
        self.allowedOrigins = allowedOrigins
    }

    /// The `Access-Control-Allow-Origin` value for `origin`, or `nil` when
    /// the origin is not allowed.
    func allowOrigin(_ origin: String) -> String? {
        if allowedOrigins.contains("*") { return "*" }
        return allowedOrigins.contains(origin) ? origin : nil
    }

    /// Whether `request` is a preflight: `OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`.
    static func isPreflight(_ request: HTTPRequest) -> Bool {
        request.method == "OPTIONS" && request.headers.contains("Origin") && request.headers.contains("Access-Control-Request-Method")
    }

    /// The answer to a preflight for a resource that allows `methods`:
    /// 204 with the permissions, or 403 when the origin is not allowed.
    func preflight(_ request: HTTPRequest, methods: [String]) throws(ProblemDetails) -> HTTPResponse {
        let origin = request.headers["Origin"] ?? ""
        guard let allowed = allowOrigin(origin) else {
            throw ProblemDetails(type: ProblemDetails.typeURI("origin-not-allowed"), title: "Forbidden", status: 403,
                                 detail: "Cross-origin requests from \(origin) are not allowed by this server.")
        }
        var headers: HTTPHeaders = [
            "Access-Control-Allow-Origin": allowed,
            "Access-Control-Allow-Methods": methods.joined(separator: ", "),
            "Access-Control-Allow-Headers": allowedHeaders.joined(separator: ", "),
            "Access-Control-Max-Age": "\(maxAgeSeconds)",
        ]
        if allowed != "*" { headers.add("Vary", "Origin") }
        return HTTPResponse(status: 204, headers: headers)
    }

    /// Adds the CORS fields to an ordinary response to a request from `origin`.
    func decorate(_ response: inout HTTPResponse, origin: String?) {
        if !allowedOrigins.contains("*") { response.headers.add("Vary", "Origin") }
        guard let origin, let allowed = allowOrigin(origin) else { return }
        response.headers.set("Access-Control-Allow-Origin", allowed)
        response.headers.set("Access-Control-Expose-Headers", exposedHeaders.joined(separator: ", "))
    }
}
