import Foundation
import HTTPServer
import POEMSClinical
import POEMSFHIR

/// The work-up page, for the clinician:
///
/// - `GET /workup` (with `/workup/workup.js` and `/workup/workup.css`): a
///   static page, the same for everyone and without data, under a strict
///   Content-Security-Policy (no inline script or style, no other origin).
///   Standalone, it asks for an API key (kept in the page's memory only),
///   builds its form from the API description and evaluates through
///   `POST /v1/evaluations`. Opened from a CDS card's link, it reads the
///   capability from the URL's fragment, which a browser never sends.
/// - `POST /v1/workup/capability-evaluations`: `{"capability": "…"}` in, no
///   API key; the capability opened (``WorkupLinks``), its input evaluated
///   as `POST /v1/evaluations?include=treatmentEvidence` would (with the
///   Bundle's notes, as the card was), and
///   `{"capabilityExpiresAt", "evaluation"}` out. Nothing is stored or
///   logged of it; each client address is rate limited
///   (``WorkupConfiguration/requestsPerMinutePerClient``).
enum WorkupRoutes {
    static let capabilityEvaluationsPath = "/v1/workup/capability-evaluations"

    /// The rate-limit policy's name in the `RateLimit-Policy` field.
    static let rateLimitPolicy = "workup-per-client"

    static func register(in router: inout Router, links: WorkupLinks, evaluation: EvaluationService) {
        let csp = StaticDocument.scriptedPagePolicy
        StaticDocument.serve(&router, WorkupLinks.pagePath, PackageResources.workup_html, type: "text/html; charset=utf-8", contentSecurityPolicy: csp)
        StaticDocument.serve(&router, "/workup/workup.js", PackageResources.workup_js, type: "application/javascript; charset=utf-8",
                             contentSecurityPolicy: csp)
        StaticDocument.serve(&router, "/workup/workup.css", PackageResources.workup_css, type: "text/css; charset=utf-8", contentSecurityPolicy: csp)
        router.add("POST", capabilityEvaluationsPath, options: RouteOptions(cacheControl: "no-store"), .async { request, _ in
            let capability = try await links.open(try capabilityText(request))
            let content = capability.content
            let document = evaluation.evaluateJSON(content.input, headline: content.headline, includeTreatmentEvidence: true) {
                FHIRFindings.annotate($0, notes: content.notes)
            }
            let expires = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(capability.expiresAt)))
            let body = Array(#"{"capabilityExpiresAt":"\#(expires)","evaluation":"#.utf8) + document + Array("}".utf8)
            return .json(bytes: body, headers: ["Cache-Control": "no-store"])
        })
    }

    /// The one member of the body, `capability`: a string.
    static func capabilityText(_ request: HTTPRequest) throws -> String {
        guard case .object(let body) = try request.jsonValue() else {
            throw ProblemDetails.invalidField("The body must be an object with one member, capability.", pointer: "")
        }
        if let other = body.keys.first(where: { $0 != "capability" }) {
            throw ProblemDetails.invalidField("Unknown field; the body has one member, capability.", pointer: "/" + other.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))
        }
        guard case .string(let text)? = body["capability"], !text.isEmpty, text.utf8.count <= WorkupCapability.maximumLength else {
            throw ProblemDetails.invalidField("capability must be a string of 1 to \(WorkupCapability.maximumLength) characters: the part of the link after #.",
                                              pointer: "/capability")
        }
        return text
    }
}
