import Foundation
import HTTPServer
import POEMSFHIR

extension HTTPRequest {
    /// The body as a ``JSONValue``, with the checks of `decodeJSON` (a JSON
    /// media type, not empty, within the JSON limits): for bodies read element
    /// by element (CDS Hooks calls, whose prefetch holds FHIR resources).
    func jsonValue() throws(ProblemDetails) -> JSONValue {
        let essence = headers["Content-Type"]?.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json")) else {
            throw .unsupportedMediaType("The request body must be application/json; got \(headers["Content-Type"].map { "'\($0)'" } ?? "no Content-Type").")
        }
        guard !body.isEmpty else { throw .malformedJSON("The request body is empty; a JSON document is expected.") }
        try jsonLimits.check(body)
        do {
            return try JSONValue.parse(body)
        } catch {
            throw .malformedJSON("The request body is not valid JSON.")
        }
    }
}
