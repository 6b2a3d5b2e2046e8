/// Another representation of a route's errors, for the clients that speak
/// it (a FHIR client expects an `OperationOutcome`, not problem+json).
///
/// A request to a route whose ``RouteOptions/problemFormat`` is set gets
/// every problem in this format when its `Content-Type` is `mediaType`, or
/// when its `Accept` names `mediaType` (with a weight above 0) and not
/// `application/problem+json` (a body of another type, refused 415, is
/// answered in the format the client accepts):
/// the problems of the route and of the middleware (401, 429, 503, …), a
/// body over the limit (413, answered before the route runs), a failure
/// (500), the 503 of a shutdown. Other requests keep problem+json.
///
/// The application renders the body; the transport keeps the status and
/// the problem's header fields (`Retry-After`, `WWW-Authenticate`, …) and
/// sets `Content-Type` to `mediaType`.
public struct ProblemFormat: Sendable {
    /// The media type of the format (`application/fhir+json`), lowercased.
    public let mediaType: String
    /// The body that carries `problem`, whose `type` is already prefixed
    /// with the server's `problemTypePrefix` and whose `requestId` is set.
    public let body: @Sendable (_ problem: ProblemDetails) -> [UInt8]

    public init(mediaType: String, body: @escaping @Sendable (_ problem: ProblemDetails) -> [UInt8]) {
        self.mediaType = mediaType.lowercased()
        self.body = body
    }

    /// Whether a request with these header fields gets this format.
    public func applies(to headers: HTTPHeaders) -> Bool {
        if let contentType = headers["Content-Type"], MediaType.essence(contentType) == mediaType { return true }
        guard let accept = headers.combined("Accept") else { return false }
        let named = MediaType.accepted(accept)
        return named.contains(mediaType) && !named.contains("application/problem+json")
    }

    /// The response that carries `problem` in this format.
    func response(_ problem: ProblemDetails, requestID: String?, problemTypePrefix: String) -> HTTPResponse {
        var problem = problem.prefixed(problemTypePrefix)
        problem.requestId = requestID
        var headers = problem.headers
        headers.set("Content-Type", mediaType)
        return HTTPResponse(status: problem.status, headers: headers, body: body(problem))
    }
}
