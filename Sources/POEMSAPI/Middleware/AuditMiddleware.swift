import HTTPServer
import POEMSStorage

/// The audit trail of `/v1` routes (those with an ``AccessRule``), outside
/// authentication so that it sees every denial:
///
/// - a denial (401, 403, 429) is recorded as `denied:<action>` when the
///   ``DenialAuditGate`` admits it;
/// - a route with an ``AuditPolicy`` records every answer but a read's 304
///   (Not Modified): reads with the
///   next group commit (the answer does not wait), writes before the
///   answer is sent; a write's event is committed in the write's own
///   transaction (``WriteAuditor``), so nothing more is recorded for it.
struct AuditMiddleware: RouterMiddleware {
    let audit: any AuditLog
    let denials: DenialAuditGate

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        guard let rule = context.options.attributes[AccessRule.self] else { return next(request, context, sink) }
        var context = context
        let auditor: WriteAuditor? = rule.audit.flatMap { $0.waitForDurability ? WriteAuditor(context: context, request: request, action: $0.action) : nil }
        context.values[WriteAuditor.self] = auditor
        next(request, context, ResponseSink { [context] result in
            let status = result.status
            if [401, 403, 429].contains(status) {
                if denials.admit(client: context.remoteAddress, logger: context.logger) {
                    record(context, request, action: "denied:\(rule.action(request, context))", caseID: nil, status: status)
                }
                return sink.complete(result)
            }
            // The store committed the event with the write: nothing more to record.
            guard let policy = rule.audit, auditor?.isCommitted != true else { return sink.complete(result) }
            // A 304 to a conditional read discloses nothing the key does not
            // hold already (the 200 that gave it the ETag was recorded): a
            // dashboard polling with If-None-Match adds no rows.
            if status == 304 && !policy.waitForDurability { return sink.complete(result) }
            let caseID = (try? result.get()).flatMap { Self.caseID(context, $0) } ?? context.pathParameters["id"]
            if policy.waitForDurability {
                record(context, request, action: policy.action, caseID: caseID, status: status) { sink.complete(result) }
            } else {
                record(context, request, action: policy.action, caseID: caseID, status: status)
                sink.complete(result)
            }
        })
    }

    /// Appends an audit event with the next group commit; `completion`,
    /// if given, runs once it is durable.
    private func record(_ context: RequestContext, _ request: HTTPRequest, action: String, caseID: String?, status: Int,
                        then completion: (@Sendable () -> Void)? = nil) {
        let event = Self.event(context, request, action: action, caseID: caseID, status: status)
        if let completion {
            audit.append(event) { _ in completion() }
        } else {
            audit.append(event, completion: nil)
        }
    }

    /// The event of a request: the key that made it (when one authenticated),
    /// never its body or query.
    static func event(_ context: RequestContext, _ request: HTTPRequest, action: String, caseID: String?, status: Int) -> AuditEvent {
        AuditEvent(keyName: context.annotations["key"], action: action, method: request.method, route: context.route,
                   caseID: caseID, status: status, requestID: context.requestID, clientAddress: context.remoteAddress)
    }

    /// The case a response is about: the path's `{id}`, or a new case's `Location`.
    private static func caseID(_ context: RequestContext, _ response: HTTPResponse) -> String? {
        if let id = context.pathParameters["id"] { return id }
        return response.headers["Location"].flatMap { $0.hasPrefix("/v1/cases/") ? String($0.dropFirst("/v1/cases/".count)) : nil }
    }
}
