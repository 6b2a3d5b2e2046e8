import HTTPServer
import POEMSStorage

/// `GET /v1/audit` (admin): the audit trail, oldest first, filtered by
/// `caseId`, `key` and `since`, cursor-paged; each event with its hash, and
/// the head of the whole chain for an auditor to record elsewhere.
enum AuditRoutes {
    struct Event: Encodable {
        let id: Int64
        let at: String
        let key: String?
        let action: String
        let method: String
        let route: String
        let caseId: String?
        let status: Int
        let requestId: String
        let clientAddress: String?
        let hash: String?
    }

    struct Head: Encodable {
        let id: Int64
        let hash: String
    }

    struct Page: Encodable {
        let events: [Event]
        let nextCursor: String?
        let chainHead: Head?
    }

    static func register(in router: inout ProtectedRouter, audit: any AuditLog) {
        router.get("/v1/audit", .admin, audit: .reads("audit.read"), query: ["caseId", "key", "since", "limit", "cursor"],
                   cacheControl: "no-store") { request, _ in
            var query = AuditQuery()
            query.caseID = request.query["caseId"]
            query.keyName = request.query["key"]
            if let since = request.query["since"] {
                guard let timestamp = Timestamp.normalized(since) else {
                    throw ProblemDetails.invalidParameter("since must be an RFC 3339 timestamp such as 2026-11-21T09:30:00Z.", parameter: "since")
                }
                query.since = timestamp
            }
            if let limit = request.query["limit"] {
                guard let value = Int(limit), (1...500).contains(value) else {
                    throw ProblemDetails.invalidParameter("limit must be a whole number from 1 to 500.", parameter: "limit")
                }
                query.limit = value
            }
            if let cursor = request.query["cursor"] {
                guard let position = Cursor.decode(cursor) else {
                    throw ProblemDetails.invalidParameter("cursor is not one this service issued; use nextCursor.", parameter: "cursor")
                }
                query.after = position
            }
            let page = try audit.events(query)
            let head = try audit.chainHead()
            return try .json(Page(
                events: page.events.map {
                    Event(id: $0.id, at: $0.at, key: $0.keyName, action: $0.action, method: $0.method, route: $0.route,
                          caseId: $0.caseID, status: $0.status, requestId: $0.requestID, clientAddress: $0.clientAddress, hash: $0.link?.hash)
                },
                nextCursor: page.next.map(Cursor.encode), chainHead: head.map { Head(id: $0.id, hash: $0.hash) }))
        }
    }
}
