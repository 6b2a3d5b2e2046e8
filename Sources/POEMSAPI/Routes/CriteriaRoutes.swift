import HTTPServer
import POEMSCriteria

/// `GET /v1/criteria` lists the criteria sets; `GET /v1/criteria/{id}`
/// returns one in full (criteria, parts, roles, footnotes, associated
/// features), enough for a client to render an input form.
enum CriteriaRoutes {
    struct Summary: Encodable {
        let id: CriteriaSetID
        let version: String
        let title: String
        let citation: String
        let rule: String
        let href: String
    }

    struct Listing: Encodable {
        let criteriaSets: [Summary]
        let defaultCriteriaSet: CriteriaSetID
        let engineVersion: String
    }

    static func register(in router: inout ProtectedRouter, defaultCriteriaSet: CriteriaSetID) throws {
        let listing = try CacheableJSON(Listing(
            criteriaSets: CriteriaCatalog.all.map {
                Summary(id: $0.id, version: $0.version, title: $0.title, citation: $0.citation, rule: $0.rule, href: "/v1/criteria/\($0.id.rawValue)")
            },
            defaultCriteriaSet: defaultCriteriaSet,
            engineVersion: CriteriaEngineVersion.current))
        let definitions: [String: CacheableJSON] = try CriteriaCatalog.all.reduce(into: [:]) {
            $0[$1.id.rawValue] = try CacheableJSON($1)
        }
        let cached = CacheableJSON.cacheControl
        router.get("/v1/criteria", .reader, cacheControl: cached) { _, _ in listing.response }
        router.get("/v1/criteria/{id}", .reader, cacheControl: cached) { _, context in
            let id = context.parameter("id")
            guard let definition = definitions[id] else {
                throw ProblemDetails.notFound("No criteria set '\(id)'; known: \(CriteriaSetID.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return definition.response
        }
    }
}
