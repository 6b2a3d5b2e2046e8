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

    public func archiveCuts() throws -> [AuditArchiveCut] {
        try database.read { [database] connection in
            try await connection.query("""
                SELECT through_id, through_hash, first_id, from_hash, events, archive_event_id, archived_at, file_name, file_sha256
                FROM audit_archive_cuts ORDER BY through_id
                """, logger: database.logger).collect().map { row in
                let c = try row.decode((Int64, String, Int64, String, Int64, Int64, String, String, String).self)
                return AuditArchiveCut(range: AuditArchiveRange(firstID: c.2, fromHash: c.3, through: AuditChain.Head(id: c.0, hash: c.1), events: Int(c.4)),
                                       archiveEventID: c.5, archivedAt: c.6, fileName: c.7, fileSHA256: c.8)
            }
        }
    }

    public func archiveRange(before timestamp: String) throws -> AuditArchiveRange? {
        try database.read { [database] connection in
            try await connection.query("""
                WITH first AS (SELECT id, prev_hash FROM audit_events ORDER BY id LIMIT 1),
                through AS (SELECT id, hash FROM audit_events WHERE id = (SELECT max(id) FROM audit_events WHERE at < \(timestamp)))
                SELECT first.id, first.prev_hash, through.id, through.hash, (SELECT count(*) FROM audit_events WHERE id <= through.id)
                FROM first, through
                """, logger: database.logger).collect().first.map { row in
                let c = try row.decode((Int64, String, Int64, String, Int64).self)
                return AuditArchiveRange(firstID: c.0, fromHash: c.1, through: AuditChain.Head(id: c.2, hash: c.3), events: Int(c.4))
            }
        }
    }

    /// The archive's transaction (see `AuditLog.archive`). The archive
    /// event is appended first, under `audit_counter`'s lock (held to the
    /// commit: every instance's appends wait for the deletion). `DELETE`
    /// is granted to the current role for this transaction only (the
    /// grant is transactional; migration 0003 revoked it), and migration
    /// 0005's trigger lets through only the events the recorded cut covers.
    public func archive(_ range: AuditArchiveRange, event: AuditEvent, fileName: String, fileSHA256: String,
                        beforeCommit: @escaping @Sendable () throws -> Void) throws -> AuditArchiveCut {
        let logger = database.logger
        do {
            // The deletion may take long: no work deadline; an hour in all.
            return try database.blocking.run(timeout: .seconds(3600)) { [database] in
                try await database.withConnection(deadline: nil) { connection in
                    try await PostgresDatabase.transaction(connection, logger: logger) { connection in
                        let archiveEventID = try await PostgresWriter.appendAudits([event], connection, logger: logger)
                        let start = try await connection.query("""
                            SELECT id, prev_hash, (SELECT hash FROM audit_events WHERE id = \(range.through.id)) FROM audit_events ORDER BY id LIMIT 1
                            """, logger: logger).collect().first?.decode((Int64, String, String?).self)
                        guard let start, start.0 == range.firstID, start.1 == range.fromHash, start.2 == range.through.hash else {
                            throw AuditArchiveConflict()
                        }
                        try await connection.query("""
                            INSERT INTO audit_archive_cuts (through_id, through_hash, first_id, from_hash, events, archive_event_id, archived_at, file_name, file_sha256)
                            VALUES (\(range.through.id), \(range.through.hash), \(range.firstID), \(range.fromHash), \(Int64(range.events)), \(archiveEventID),
                                    \(event.at), \(fileName), \(fileSHA256))
                            """, logger: logger)
                        try await connection.query("GRANT DELETE ON audit_events TO CURRENT_USER", logger: logger)
                        try await connection.query("DELETE FROM audit_events WHERE id <= \(range.through.id)", logger: logger)
                        try await connection.query("REVOKE DELETE ON audit_events FROM CURRENT_USER", logger: logger)
                        do { try beforeCommit() } catch { throw CallerFailure(error: error) }
                        return AuditArchiveCut(range: range, archiveEventID: archiveEventID, archivedAt: event.at, fileName: fileName, fileSHA256: fileSHA256)
                    }
                }
            }
        } catch let failure as CallerFailure {
            throw failure.error
        } catch let conflict as AuditArchiveConflict {
            throw conflict
        } catch {
            throw PostgresFailure.converting(error)
        }
    }

    /// What `beforeCommit` threw, passed to the caller as it is.
    private struct CallerFailure: Error {
        let error: any Error
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
