import HTTPServer
import POEMSStorage

/// What a `/v1` route declares about access (a route attribute): the role
/// a key needs, and what the audit trail records of it.
struct AccessRule: Sendable, ContextKey {
    typealias Value = AccessRule

    let role: Role
    let audit: AuditPolicy?

    /// The action named in the audit trail: the policy's, or the route's
    /// method and pattern for routes audited only when denied.
    func action(_ request: HTTPRequest, _ context: RequestContext) -> String {
        audit?.action ?? "\(request.method) \(context.route)"
    }
}

/// What to write in the audit trail for a route.
struct AuditPolicy: Sendable {
    /// `case.read`, `case.create`, ...
    let action: String
    /// Wait for the event to be durable before answering (writes).
    let waitForDurability: Bool

    static func reads(_ action: String) -> AuditPolicy { AuditPolicy(action: action, waitForDurability: false) }
    static func writes(_ action: String) -> AuditPolicy { AuditPolicy(action: action, waitForDurability: true) }
}

/// Who is calling: the API key that authenticated the request.
struct Principal: Sendable, ContextKey {
    typealias Value = Principal

    let keyName: String
    let role: Role
}

extension RequestContext {
    /// The caller, on routes with an ``AccessRule`` (set by ``AuthenticationMiddleware``).
    var principal: Principal? { values[Principal.self] }
    /// The audit event of a write, for the store to commit with it (set by ``AuditMiddleware``).
    var writeAuditor: WriteAuditor? { values[WriteAuditor.self] }
}

extension Error {
    /// The HTTP status this error is answered with.
    var status: Int { (self as? any ResponseError)?.status ?? 500 }
}

extension Result {
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
