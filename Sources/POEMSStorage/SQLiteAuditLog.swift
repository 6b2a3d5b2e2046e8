import GRDB

/// The audit trail in `audit_events` (migration 0004). Appends go through
/// the group-commit writer, so they share its transactions.
public struct SQLiteAuditLog: AuditLog {
    let writer: GroupCommitWriter
    let pool: DatabasePool

    public func append(_ event: AuditEvent, completion: (@Sendable (Result<Void, any Error>) -> Void)? = nil) {
        writer.submit({ db in try Self.insert(event, db) }, singleStatement: true, completion: completion ?? { _ in })
    }

    /// Inserts `event` on `db`, in the caller's transaction.
    static func insert(_ event: AuditEvent, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_events (at, key_name, action, method, route, case_id, status, request_id, client_address)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event.at, event.keyName, event.action, event.method, event.route, event.caseID, event.status,
                                     event.requestID, event.clientAddress])
    }

    public func events(_ query: AuditQuery) throws -> (events: [AuditEvent], next: Int64?) {
        try DatabaseError.converted {
            try pool.read { db in
                var conditions: [String] = []
                var arguments = StatementArguments()
                if let caseID = query.caseID { conditions.append("case_id = ?"); arguments += [caseID] }
                if let keyName = query.keyName { conditions.append("key_name = ?"); arguments += [keyName] }
                if let since = query.since { conditions.append("at >= ?"); arguments += [since] }
                if let after = query.after { conditions.append("id > ?"); arguments += [after] }
                let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
                arguments += [query.limit + 1]
                var events = try Row.fetchAll(db, sql: """
                    SELECT id, at, key_name, action, method, route, case_id, status, request_id, client_address
                    FROM audit_events\(filter) ORDER BY id LIMIT ?
                    """, arguments: arguments).map { row in
                    var event = AuditEvent(keyName: row[2], action: row[3], method: row[4], route: row[5], caseID: row[6],
                                           status: row[7], requestID: row[8], clientAddress: row[9])
                    event.id = row[0]
                    event.at = row[1]
                    return event
                }
                let more = events.count > query.limit
                if more { events.removeLast() }
                return (events, more ? events.last?.id : nil)
            }
        }
    }
}
