import PostgresNIO
import POEMSStorage

/// The audit trail in `audit_events` (migration postgres/0003): appends go
/// through the instance's writer and share its transactions; ids and the
/// chain's previous hash come from `audit_counter` under its lock, so
/// events commit in id order across instances, each chained to the one
/// before (`AuditChain`), and a reader paging with `after` misses none.
public struct PostgresAuditLog: AuditLog {
    let database: PostgresDatabase
    let writer: PostgresWriter

    public func append(_ event: AuditEvent, completion: (@Sendable (Result<Void, any Error>) -> Void)? = nil) {
        writer.submit({ _ in ((), nil) }, audit: { _ in event }) { result in completion?(result.map { _ in () }) }
    }

    public func events(_ query: AuditQuery) throws -> (events: [AuditEvent], next: Int64?) {
        try database.read { [database] connection in
            var events = try await connection.query("""
                SELECT id, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash FROM audit_events
                WHERE (\(query.caseID)::text IS NULL OR case_id = \(query.caseID))
                  AND (\(query.keyName)::text IS NULL OR key_name = \(query.keyName))
                  AND (\(query.since)::text IS NULL OR at >= \(query.since))
                  AND id > \(query.after ?? 0)
                ORDER BY id LIMIT \(Int64(query.limit + 1))
                """, logger: database.logger).collect().map { row in
                let c = try row.decode((Int64, String, String?, String, String, String, String?, Int, String, String?, String, String).self)
                var event = AuditEvent(keyName: c.2, action: c.3, method: c.4, route: c.5, caseID: c.6, status: c.7, requestID: c.8, clientAddress: c.9)
                event.id = c.0
                event.at = c.1
                event.link = AuditChain.Link(previousHash: c.10, hash: c.11)
                return event
            }
            let more = events.count > query.limit
            if more { events.removeLast() }
            return (events, more ? events.last?.id : nil)
        }
    }

    public func chainHead() throws -> AuditChain.Head? {
        try database.read { [database] connection in
            try await connection.query("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", logger: database.logger)
                .collect().first.map { row in
                    let (id, hash) = try row.decode((Int64, String).self)
                    return AuditChain.Head(id: id, hash: hash)
                }
        }
    }
}
