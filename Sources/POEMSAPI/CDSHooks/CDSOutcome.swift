import FastJSON
import HTTPServer
import POEMSFHIR

/// An error under `/cds-services` as a FHIR R4 `OperationOutcome` (the CDS
/// Hooks 3.0 ballot recommends one), never problem+json: discovery, service
/// calls and feedback, whatever refused them (the route, the JWT check, the
/// body's limits, an unknown path, storage, the transport's refusals).
///
/// ```json
/// {"resourceType": "OperationOutcome",
///  "issue": [{"severity": "error", "code": "invalid",
///             "diagnostics": "outcome must be accepted or overridden.", "expression": ["feedback[0].outcome"]}]}
/// ```
///
/// The status and the fields a client acts on (`WWW-Authenticate`,
/// `Retry-After`, `Allow`, `Accept-Post`, `Connection: close`) are the
/// refusal's; `diagnostics` is its detail, which never holds a token or
/// patient data; `expression` is the FHIRPath of the request member at
/// fault (from the problem's JSON pointer) or, for a prefetch Bundle, of the
/// element at fault. The media type is `application/fhir+json` when the
/// request's `Accept` names it, else `application/json` (what CDS clients
/// parse).
struct CDSOutcome: ResponseError {
    let status: Int
    let outcome: OperationOutcome
    let headers: HTTPHeaders
    let mediaType: String

    /// Fields of the refusal a client acts on, kept.
    static let keptHeaders = ["WWW-Authenticate", "Retry-After", "Allow", "Accept-Post", "Connection"]

    /// `allowOrigin`: the `Access-Control-Allow-Origin` to send.
    init(_ error: any Error, accept: String?, allowOrigin: String) {
        mediaType = accept?.lowercased().contains(FHIRInput.mediaType) == true ? FHIRInput.mediaType : "application/json"
        var kept = HTTPHeaders()
        switch error {
        case let fhir as FHIROutcome:
            status = fhir.status
            outcome = fhir.error.outcome
        case let problem as ProblemDetails:
            status = problem.status
            let expression = problem.pointer.map { [Self.fhirPath($0)] } ?? []
            outcome = OperationOutcome(issues: [.init(code: Self.issueCode(problem.status), diagnostics: problem.detail ?? problem.title, expression: expression)])
            for name in Self.keptHeaders { if let value = problem.headers[name] { kept.set(name, value) } }
        case let other as any ResponseError:
            status = other.status
            outcome = OperationOutcome(issues: [.init(code: Self.issueCode(other.status), diagnostics: "The request was refused (HTTP \(other.status)).", expression: [])])
        default:
            status = 500
            outcome = OperationOutcome(issues: [.init(code: "exception", diagnostics: ProblemDetails.internalError().detail ?? "", expression: [])])
        }
        kept.set("Access-Control-Allow-Origin", allowOrigin)
        headers = kept
    }

    func response(requestID: String?) -> HTTPResponse {
        var headers = self.headers
        headers.set("Content-Type", mediaType)
        headers.set("Cache-Control", "no-store")
        let body = (try? JSONCoding.encoder.encode(outcome)).map(Array.init) ?? Array(#"{"resourceType":"OperationOutcome","issue":[]}"#.utf8)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// The FHIR `IssueType` of an HTTP status.
    static func issueCode(_ status: Int) -> String {
        switch status {
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 405, 415: "not-supported"
        case 412: "incomplete"
        case 413, 414, 431: "too-long"
        case 429: "throttled"
        case 502, 503, 504: "transient"
        case 400..<500: "invalid"
        default: "exception"
        }
    }

    /// `/feedback/0/card` → `feedback[0].card`; the empty pointer (the whole
    /// body) → `$this`.
    static func fhirPath(_ pointer: String) -> String {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacing("~1", with: "/").replacing("~0", with: "~")
        }
        var path = ""
        for token in tokens {
            if !token.isEmpty, token.allSatisfy(\.isASCIIDigit) {
                path += "[\(token)]"
            } else {
                path += (path.isEmpty ? "" : ".") + token
            }
        }
        return path.isEmpty ? "$this" : path
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
