import HTTPServer
import POEMSStorage

/// Registers `/v1` routes: each declares the role it needs, what is
/// audited, the query parameters it takes and its `Cache-Control`; the
/// middleware chain does the rest (authentication, rate limit, audit,
/// query validation, conditional GET). Handlers are plain functions of the
/// request and its context (``RequestContext/principal``).
struct ProtectedRouter {
    var router: Router

    /// `private, no-cache`: every `/v1` answer needs a key, so no shared
    /// cache may keep it, and a client revalidates (cheaply, with `ETag`).
    static let defaultCacheControl = "private, no-cache"

    /// - Parameter fhirBodyBytes: for a route that also takes a FHIR
    ///   Bundle, its body limit (``FHIRInput/accept(in:maximumBodyBytes:)``).
    mutating func add(_ method: String, _ pattern: String, _ role: Role, audit: AuditPolicy? = nil, query: Set<String> = [],
                      cacheControl: String? = defaultCacheControl,
                      currentEntityTag: (@Sendable (HTTPRequest, RequestContext) throws -> String?)? = nil,
                      fhirBodyBytes: Int? = nil, _ handler: Handler) {
        var options = RouteOptions(queryParameters: query, cacheControl: cacheControl)
        options.currentEntityTag = currentEntityTag
        options.attributes[AccessRule.self] = AccessRule(role: role, audit: audit)
        if let fhirBodyBytes { FHIRInput.accept(in: &options, maximumBodyBytes: fhirBodyBytes) }
        router.add(method, pattern, options: options, handler)
    }

    mutating func get(_ pattern: String, _ role: Role, audit: AuditPolicy? = nil, query: Set<String> = [],
                      cacheControl: String? = defaultCacheControl,
                      currentEntityTag: (@Sendable (HTTPRequest, RequestContext) throws -> String?)? = nil,
                      _ handler: @escaping Handler.Immediate) {
        add("GET", pattern, role, audit: audit, query: query, cacheControl: cacheControl, currentEntityTag: currentEntityTag, .immediate(handler))
    }

    mutating func post(_ pattern: String, _ role: Role, audit: AuditPolicy? = nil, query: Set<String> = [], fhirBodyBytes: Int? = nil,
                       _ handler: @escaping Handler.Immediate) {
        add("POST", pattern, role, audit: audit, query: query, fhirBodyBytes: fhirBodyBytes, .immediate(handler))
    }
}
