import Crypto
import Foundation
import HTTPServer
import POEMSCriteria

/// `GET /criteria/{id}`: the public page of a criteria set
/// (``CriteriaPage``), where a CDS card's `source.url` and link lead. A
/// clinician's browser opens it without an API key: it is the same for
/// every request and holds no patient data. Its Content-Security-Policy is
/// as strict as the dashboard's and stricter: no script at all, no other
/// origin, and only the page's own style element, allowed by its SHA-256.
enum CriteriaPageRoutes {
    static let contentSecurityPolicy = [
        "default-src 'none'", "style-src 'sha256-\(Data(SHA256.hash(data: Array(CriteriaPage.style.utf8))).base64EncodedString())'",
        "img-src data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The page's path for `id`.
    static func path(_ id: CriteriaSetID) -> String { "/criteria/\(id.rawValue)" }

    static func register(in router: inout Router) {
        let pages: [String: HTTPResponse] = CriteriaCatalog.all.reduce(into: [:]) { pages, set in
            let body = Array(CriteriaPage.html(set).utf8)
            let headers = StaticDocument.headers(body, type: "text/html; charset=utf-8", contentSecurityPolicy: contentSecurityPolicy)
            pages[set.id.rawValue] = HTTPResponse(status: 200, headers: headers, body: body)
        }
        router.get("/criteria/{id}", options: StaticDocument.options) { _, context in
            let id = context.parameter("id")
            guard let page = pages[id] else {
                throw ProblemDetails.notFound("No criteria set '\(id)'; known: \(CriteriaSetID.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return page
        }
    }
}
