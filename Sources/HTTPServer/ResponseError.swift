/// An error that carries its own response: handlers throw it when an error
/// must be answered in a format other than problem+json (a protocol of its
/// own, such as an OperationOutcome for FHIR clients). `ProblemDetails` is one.
public protocol ResponseError: Error, Sendable {
    /// The HTTP status answered.
    var status: Int { get }
    /// The response, with the request id where the format has a place for it.
    func response(requestID: String?) -> HTTPResponse
    /// The same, for a server whose problem types start with `problemTypePrefix`.
    func response(requestID: String?, problemTypePrefix: String) -> HTTPResponse
}

extension ResponseError {
    public func response(requestID: String?, problemTypePrefix: String) -> HTTPResponse { response(requestID: requestID) }
}

extension ProblemDetails: ResponseError {}
