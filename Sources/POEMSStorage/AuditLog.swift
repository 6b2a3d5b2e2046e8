/// One entry of the audit trail. It names the key, the action, the case and
/// the outcome, never findings or patient references.
public struct AuditEvent: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var keyName: String?
    public var action: String
    public var method: String
    public var route: String
    public var caseID: String?
    public var status: Int
    public var requestID: String
    public var clientAddress: String?

    public init(keyName: String?, action: String, method: String, route: String, caseID: String?, status: Int,
                requestID: String, clientAddress: String?) {
        self.id = 0
        self.at = Timestamp.now()
        self.keyName = keyName
        self.action = action
        self.method = method
        self.route = route
        self.caseID = caseID
        self.status = status
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
}

/// Filters and paging of `AuditLog.events`.
public struct AuditQuery: Sendable {
    public var caseID: String?
    public var keyName: String?
    /// Only events at or after this timestamp (stored form).
    public var since: String?
    public var limit: Int
    /// Only events after this id.
    public var after: Int64?

    public init(caseID: String? = nil, keyName: String? = nil, since: String? = nil, limit: Int = 100, after: Int64? = nil) {
        self.caseID = caseID
        self.keyName = keyName
        self.since = since
        self.limit = limit
        self.after = after
    }
}

/// The append-only audit trail (`audit_events`, migration 0004). Appends go
/// through the case store's writer, so they share its group commits.
public struct AuditLog: Sendable {
    let writer: WriteQueue
    let readers: ReaderPool

    /// Appends `event`; `completion` runs once it is durable.
    public func append(_ event: AuditEvent, completion: (@Sendable (Result<Void, any Error>) -> Void)? = nil) {
        writer.submit({ db in
            try db.prepare("""
                INSERT INTO audit_events (at, key_name, action, method, route, case_id, status, request_id, client_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(event.at), event.keyName.map(DatabaseValue.text) ?? .null, .text(event.action), .text(event.method),
                      .text(event.route), event.caseID.map(DatabaseValue.text) ?? .null, .integer(Int64(event.status)),
                      .text(event.requestID), event.clientAddress.map(DatabaseValue.text) ?? .null]).step()
        }, completion: completion ?? { _ in })
    }

    /// Events in the order they were appended, filtered; one page, and the
    /// id to continue after when there is more.
    public func events(_ query: AuditQuery) throws -> (events: [AuditEvent], next: Int64?) {
        try readers.read { db in
            var conditions: [String] = []
            var arguments: [DatabaseValue] = []
            if let caseID = query.caseID { conditions.append("case_id = ?"); arguments.append(.text(caseID)) }
            if let keyName = query.keyName { conditions.append("key_name = ?"); arguments.append(.text(keyName)) }
            if let since = query.since { conditions.append("at >= ?"); arguments.append(.text(since)) }
            if let after = query.after { conditions.append("id > ?"); arguments.append(.integer(after)) }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            arguments.append(.integer(Int64(query.limit + 1)))
            let statement = try db.prepare("""
                SELECT id, at, key_name, action, method, route, case_id, status, request_id, client_address
                FROM audit_events\(filter) ORDER BY id LIMIT ?
                """, arguments)
            var events: [AuditEvent] = []
            while try statement.step() {
                var event = AuditEvent(keyName: statement.text(2), action: statement.text(3) ?? "", method: statement.text(4) ?? "",
                                       route: statement.text(5) ?? "", caseID: statement.text(6), status: statement.int(7),
                                       requestID: statement.text(8) ?? "", clientAddress: statement.text(9))
                event.id = Int64(statement.int(0))
                event.at = statement.text(1) ?? ""
                events.append(event)
            }
            let more = events.count > query.limit
            if more { events.removeLast() }
            return (events, more ? events.last?.id : nil)
        }
    }
}
