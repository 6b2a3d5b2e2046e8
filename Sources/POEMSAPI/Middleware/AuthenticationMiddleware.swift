import HTTPServer
import POEMSStorage

/// Bearer-token authentication and the role check, for routes that declare
/// an ``AccessRule``; other routes pass through.
///
/// - no or unknown token: 401 with `WWW-Authenticate: Bearer`
/// - a role that does not allow the route: 403
///
/// On success the ``Principal`` goes into the context for the handler, and
/// the key's name into the request's log line. Runs on a worker: the key
/// lookup reads SQLite (through a cache) and hashes the token.
struct AuthenticationMiddleware: RouterMiddleware {
    let keys: any KeyStore

    static let challenge = #"Bearer realm="poemsd""#

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        guard let rule = context.options.attributes[AccessRule.self] else { return next(request, context, sink) }
        do throws(ProblemDetails) {
            guard let principal = try authenticate(request) else {
                throw Self.unauthenticated("Send Authorization: Bearer <token>; create keys with `poemsd keys create`.")
            }
            context.annotations.set("key", principal.keyName)
            guard principal.role.allows(rule.role) else {
                throw ProblemDetails(type: ProblemDetails.typeURI("forbidden"), title: "Forbidden", status: 403,
                                     detail: "The key '\(principal.keyName)' has the role \(principal.role.rawValue); this needs \(rule.role.rawValue).")
            }
            var context = context
            context.values[Principal.self] = principal
            next(request, context, sink)
        } catch {
            sink.complete(.failure(error))
        }
    }

    private func authenticate(_ request: HTTPRequest) throws(ProblemDetails) -> Principal? {
        guard let header = request.headers["Authorization"] else { return nil }
        guard let token = BearerCredentials.token(in: header).map(String.init) else {
            throw Self.unauthenticated("The Authorization header must be 'Bearer <token>'.")
        }
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
}
