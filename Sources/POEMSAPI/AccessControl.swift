import Foundation
import HTTPServer
import Synchronization
import POEMSStorage

/// Who is calling: the API key that authenticated the request.
struct Principal: Sendable {
    let keyName: String
    let role: Role
}

/// Bearer-token authentication, role checks, per-key rate limits and the
/// audit trail, around the handlers of `ProtectedRouter`.
///
/// - no or unknown token: 401 with `WWW-Authenticate: Bearer`
/// - a role that does not allow the action: 403
/// - over the key's rate: 429 with `Retry-After`
///
/// Every denial is audited; so is every access to case records.
struct AccessControl: Sendable {
    let keys: any KeyStore
    let audit: any AuditLog
    let rateLimiter: RateLimiter?
    /// Denials are audited at most 60 a minute per client address (bursts
    /// of 60): anyone who can reach the port can be denied, and the
    /// append-only trail must not become a way to fill the disk. Denials over
    /// that rate are counted in `suppressedDenials` and logged.
    let denialAudit = RateLimiter(capacity: 60, refillPerSecond: 1)
    let suppressedDenials = DenialCounter()

    static let challenge = #"Bearer realm="poemsd""#

    /// The principal of `request` if it may do what needs `role`; otherwise
    /// throws the problem to answer, after auditing the denial.
    func authorize(_ request: HTTPRequest, _ context: RequestContext, _ role: Role, action: String) throws(ProblemDetails) -> Principal {
        var principal: Principal?
        do throws(ProblemDetails) {
            principal = try authenticate(request)
            guard let principal else { throw Self.unauthenticated("Send Authorization: Bearer <token>; create keys with `poemsd keys create`.") }
            context.annotations.set("key", principal.keyName)
            guard principal.role.allows(role) else {
                throw ProblemDetails(type: ProblemDetails.typeURI("forbidden"), title: "Forbidden", status: 403,
                                     detail: "The key '\(principal.keyName)' has the role \(principal.role.rawValue); this needs \(role.rawValue).")
            }
            if let rateLimiter, case .deny(let retryAfter) = rateLimiter.acquire(principal.keyName) {
                throw ProblemDetails.tooManyRequests(retryAfter: retryAfter)
            }
            return principal
        } catch {
            if case .allow = denialAudit.acquire(context.remoteAddress ?? "unknown") {
                record(context, request, principal: principal, action: "denied:\(action)", caseID: nil, status: error.status)
            } else if suppressedDenials.increment().isMultiple(of: 100) {
                context.logger.warning("denied requests over the audit rate are not recorded", metadata: ["suppressed": "\(suppressedDenials.value)"])
            }
            throw error
        }
    }

    private func authenticate(_ request: HTTPRequest) throws(ProblemDetails) -> Principal? {
        guard let header = request.headers["Authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthenticated("The Authorization header must be 'Bearer <token>'.")
        }
        let token = String(parts[1].trimmingOptionalWhitespace)
        let record: APIKeyRecord?
        do { record = try keys.authenticate(token: token) } catch {
            throw StorageProblem.unavailable("Keys cannot be checked right now; retry shortly.")
        }
        guard let record else { throw Self.unauthenticated("The token is unknown or revoked.", invalid: true) }
        return Principal(keyName: record.name, role: record.role)
    }

    static func unauthenticated(_ detail: String, invalid: Bool = false) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("unauthorized"), title: "Unauthorized", status: 401, detail: detail,
                       headers: ["WWW-Authenticate": invalid ? challenge + #", error="invalid_token""# : challenge])
    }

    /// Appends an audit event with the next group commit; `completion`,
    /// if given, runs once it is durable.
    func record(_ context: RequestContext, _ request: HTTPRequest, principal: Principal?, action: String, caseID: String?, status: Int,
                then completion: (@Sendable () -> Void)? = nil) {
        let event = Self.event(context, request, principal: principal, action: action, caseID: caseID, status: status)
        if let completion {
            audit.append(event) { _ in completion() }
        } else {
            audit.append(event, completion: nil)
        }
    }

    static func event(_ context: RequestContext, _ request: HTTPRequest, principal: Principal?, action: String, caseID: String?,
                      status: Int) -> AuditEvent {
        AuditEvent(keyName: principal?.keyName, action: action, method: request.method, route: context.route,
                   caseID: caseID, status: status, requestID: context.requestID, clientAddress: context.remoteAddress)
    }
}

extension Error {
    /// The HTTP status this error is answered with.
    var status: Int { (self as? any ResponseError)?.status ?? 500 }
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

/// Registers routes that require a role, optionally audited.
struct ProtectedRouter {
    var router: Router
    let access: AccessControl

    typealias Immediate = @Sendable (HTTPRequest, RequestContext, Principal) throws -> HTTPResponse
    typealias Deferred = @Sendable (HTTPRequest, RequestContext, Principal, WriteAuditor, ResponseSink) -> Void

    mutating func add(_ method: String, _ pattern: String, _ role: Role, audit: AuditPolicy? = nil, _ handler: @escaping Immediate) {
        let access = self.access
        router.add(method, pattern, .immediate { request, context in
            let principal = try access.authorize(request, context, role, action: audit?.action ?? "\(method) \(pattern)")
            guard let audit else { return try Self.mappingStorageErrors { try handler(request, context, principal) } }
            do {
                let response = try Self.mappingStorageErrors { try handler(request, context, principal) }
                access.record(context, request, principal: principal, action: audit.action,
                              caseID: Self.caseID(context, response), status: response.status)
                return response
            } catch {
                access.record(context, request, principal: principal, action: audit.action,
                              caseID: context.pathParameters["id"], status: error.status)
                throw error
            }
        })
    }

    /// Storage failures of reads as 503/507 problems rather than 500.
    private static func mappingStorageErrors(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do { return try body() } catch { throw StorageProblem.map(error) }
    }

    mutating func get(_ pattern: String, _ role: Role, audit: AuditPolicy? = nil, _ handler: @escaping Immediate) {
        add("GET", pattern, role, audit: audit, handler)
    }

    mutating func deferred(_ method: String, _ pattern: String, _ role: Role, audit: AuditPolicy, _ handler: @escaping Deferred) {
        let access = self.access
        router.add(method, pattern, .deferred { request, context, sink in
            let principal: Principal
            do { principal = try access.authorize(request, context, role, action: audit.action) } catch {
                sink.complete(.failure(error))
                return
            }
            let auditor = WriteAuditor(context: context, request: request, principal: principal, action: audit.action)
            let audited = ResponseSink { result in
                // The store committed the event with the write: nothing more to record.
                if auditor.isCommitted { return sink.complete(result) }
                let status = (try? result.get().status) ?? (result.error?.status ?? 500)
                let caseID = (try? result.get()).flatMap { Self.caseID(context, $0) } ?? context.pathParameters["id"]
                if audit.waitForDurability {
                    access.record(context, request, principal: principal, action: audit.action, caseID: caseID, status: status) {
                        sink.complete(result)
                    }
                } else {
                    access.record(context, request, principal: principal, action: audit.action, caseID: caseID, status: status)
                    sink.complete(result)
                }
            }
            handler(request, context, principal, auditor, audited)
        })
    }

    /// The case a response is about: the path's `{id}`, or a new case's `Location`.
    private static func caseID(_ context: RequestContext, _ response: HTTPResponse) -> String? {
        if let id = context.pathParameters["id"] { return id }
        return response.headers["Location"].flatMap { $0.hasPrefix("/v1/cases/") ? String($0.dropFirst("/v1/cases/".count)) : nil }
    }
}

extension Result {
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// How many denials were not written to the audit trail.
final class DenialCounter: Sendable {
    private let count = Atomic<Int>(0)
    /// Adds one; returns the new total.
    func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
    var value: Int { count.load(ordering: .relaxed) }
}
