import FastJSON
import HTTPServer
import POEMSFHIR

/// The errors of the routes that take a FHIR Bundle, as FHIR clients read
/// them: a problem (401, 413, 429, 503, …) answered as a FHIR R4
/// `OperationOutcome` (`application/fhir+json`) to a request whose body is
/// `application/fhir+json`, or that accepts it and not problem+json
/// (``ProblemFormat``). The status and the header fields (`Retry-After`,
/// `WWW-Authenticate`, `RateLimit`) are the problem's.
///
/// ```json
/// {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "too-long",
///  "details": {"coding": [{"system": "urn:poemsd:problem", "code": "content-too-large"}], "text": "Content Too Large"},
///  "diagnostics": "The request body exceeds the limit of 16777216 bytes."}]}
/// ```
///
/// `diagnostics` is the problem's detail, which never holds a token or
/// patient data; `details` names the problem type (as problem+json's `type`).
/// A Bundle refused for what it holds is answered by ``FHIROutcome``, whose
/// issues name the element at fault.
enum ProblemOutcome {
    static let format = ProblemFormat(mediaType: FHIRInput.mediaType) { problem in
        (try? JSONCoding.encoder.encode(outcome(problem))).map(Array.init) ?? Array(#"{"resourceType":"OperationOutcome","issue":[]}"#.utf8)
    }

    /// The OperationOutcome of `problem`, whose type is already prefixed.
    static func outcome(_ problem: ProblemDetails) -> OperationOutcome {
        let prefix = ServiceConfiguration.problemTypePrefix
        let details = problem.type.hasPrefix(prefix)
            ? OperationOutcome.Details(system: String(prefix.dropLast()), code: String(problem.type.dropFirst(prefix.count)), text: problem.title)
            : OperationOutcome.Details(system: nil, code: problem.type, text: problem.title)
        var diagnostics = problem.detail ?? problem.title
        // A field of the service's own JSON (a request that accepts FHIR but sent JSON).
        if let pointer = problem.pointer { diagnostics += " (JSON pointer \(pointer))" }
        return OperationOutcome(issues: [OperationOutcome.Issue(code: issueType(problem.status), details: details, diagnostics: diagnostics)])
    }

    /// The FHIR R4 `IssueType` of a status.
    static func issueType(_ status: Int) -> String {
        switch status {
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 405, 415: "not-supported"
        case 409, 412: "conflict"
        case 410: "deleted"
        case 413, 414, 431: "too-long"
        case 422: "business-rule"
        case 428: "required"
        case 429: "throttled"
        case 503: "transient"
        case 500...: "exception"
        default: "invalid"
        }
    }
}
