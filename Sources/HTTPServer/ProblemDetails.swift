import FastJSON
/// An error response in the RFC 9457 `application/problem+json` format.
///
/// Throw it from a handler and the server renders it; the `requestId` member
/// is filled in by the server. `pointer` is the RFC 6901 JSON pointer of the
/// offending field of the request body, when one is to blame.
public struct ProblemDetails: Error, Sendable, Encodable {
    /// The problem type: an absolute URI, or a slug (`not-found`) that the
    /// server sends prefixed with its `problemTypePrefix`.
    public var type: String
    /// A short, human-readable summary of the problem type.
    public var title: String
    public var status: Int
    /// A human-readable explanation specific to this occurrence.
    public var detail: String?
    /// The JSON pointer of the request-body field at fault.
    public var pointer: String?
    /// The query parameter at fault, for `invalid-parameter` problems.
    public var parameter: String?
    /// The `X-Request-Id` of the request, to quote when asking for help.
    public var requestId: String?
    /// Header fields to send with the problem (`Allow`, `WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPHeaders = .init()

    private enum CodingKeys: String, CodingKey { case type, title, status, detail, pointer, parameter, requestId }

    public init(type: String, title: String, status: Int, detail: String? = nil, pointer: String? = nil, headers: HTTPHeaders = .init()) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.pointer = pointer
        self.headers = headers
    }

    /// The problem type for `slug`, sent as the server's
    /// ``HTTPServerConfiguration/problemTypePrefix`` followed by `slug`:
    /// the transport knows no application's namespace.
    public static func typeURI(_ slug: String) -> String { slug }

    public static func notFound(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("not-found"), title: "Not Found", status: 404, detail: detail)
    }

    public static func methodNotAllowed(_ method: String, allowed: [String]) -> ProblemDetails {
        ProblemDetails(
            type: typeURI("method-not-allowed"), title: "Method Not Allowed", status: 405,
            detail: "\(method) is not allowed here; allowed: \(allowed.joined(separator: ", ")).",
            headers: ["Allow": allowed.joined(separator: ", ")])
    }

    public static func unsupportedMediaType(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("unsupported-media-type"), title: "Unsupported Media Type", status: 415, detail: detail,
                       headers: ["Accept-Post": "application/json"])
    }

    public static func malformedJSON(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("malformed-json"), title: "Malformed JSON", status: 400, detail: detail)
    }

    public static func invalidField(_ detail: String, pointer: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("invalid-field"), title: "Invalid Field", status: 400, detail: detail, pointer: pointer)
    }

    public static func invalidParameter(_ detail: String, parameter: String) -> ProblemDetails {
        var problem = ProblemDetails(type: typeURI("invalid-parameter"), title: "Invalid Query Parameter", status: 400, detail: detail)
        problem.parameter = parameter
        return problem
    }

    public static func contentTooLarge(limit: Int) -> ProblemDetails {
        ProblemDetails(type: typeURI("content-too-large"), title: "Content Too Large", status: 413,
                       detail: "The request body exceeds the limit of \(limit) bytes.")
    }

    public static func internalError() -> ProblemDetails {
        ProblemDetails(type: typeURI("internal-error"), title: "Internal Server Error", status: 500,
                       detail: "The server could not complete the request. Quote the request id when reporting it.")
    }

    public static func serviceUnavailable(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("service-unavailable"), title: "Service Unavailable", status: 503, detail: detail)
    }

    /// The problem with its type prefixed with `problemTypePrefix`, unless
    /// the type is already an absolute URI.
    public func prefixed(_ problemTypePrefix: String) -> ProblemDetails {
        var problem = self
        if !type.contains(":") { problem.type = problemTypePrefix + type }
        return problem
    }

    /// The response that carries this problem.
    public func response(requestID: String?) -> HTTPResponse { response(requestID: requestID, problemTypePrefix: "") }

    /// The response that carries this problem, its type prefixed with
    /// `problemTypePrefix` unless it is already an absolute URI.
    public func response(requestID: String?, problemTypePrefix: String) -> HTTPResponse {
        var problem = prefixed(problemTypePrefix)
        problem.requestId = requestID
        var headers = self.headers
        headers.set("Content-Type", "application/problem+json")
        let body = (try? JSONCoding.encoder.encode(problem)).map(Array.init) ?? Array(#"{"status":500}"#.utf8)
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}

extension ProblemDetails {
    /// 400: the JSON body nests arrays and objects deeper than `limit`.
    public static func jsonTooDeep(limit: Int, pointer: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("json-too-deep"), title: "JSON Too Deep", status: 400,
                       detail: "The JSON body nests arrays and objects deeper than the limit of \(limit).", pointer: pointer)
    }

    /// 400: a string (key or value) of the JSON body is longer than `limit` bytes.
    public static func stringTooLong(limit: Int, pointer: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("string-too-long"), title: "String Too Long", status: 400,
                       detail: "A string in the JSON body is longer than the limit of \(limit) bytes.", pointer: pointer)
    }

    /// 400 with `Connection: close`: the request's framing is ambiguous or
    /// invalid, so nothing after it on the connection can be trusted.
    public static func malformedRequest(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: typeURI("malformed-request"), title: "Malformed Request", status: 400, detail: detail,
                       headers: ["Connection": "close"])
    }

    /// 414: the request target (path and query) is longer than `limit` bytes.
    public static func uriTooLong(limit: Int) -> ProblemDetails {
        ProblemDetails(type: typeURI("uri-too-long"), title: "URI Too Long", status: 414,
                       detail: "The request target is longer than the limit of \(limit) bytes.")
    }

    /// 431: the header fields together are larger than `limit` bytes.
    public static func headerFieldsTooLarge(limit: Int) -> ProblemDetails {
        ProblemDetails(type: typeURI("header-fields-too-large"), title: "Request Header Fields Too Large", status: 431,
                       detail: "The request header fields are larger than the limit of \(limit) bytes in total.")
    }

    /// 429 with `Retry-After`: the client has used up its request budget.
    public static func tooManyRequests(retryAfter seconds: Int) -> ProblemDetails {
        let seconds = max(1, seconds)
        return ProblemDetails(type: typeURI("too-many-requests"), title: "Too Many Requests", status: 429,
                              detail: "Too many requests; retry after \(seconds) second\(seconds == 1 ? "" : "s").",
                              headers: ["Retry-After": String(seconds)])
    }
}
