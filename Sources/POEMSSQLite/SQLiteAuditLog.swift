import GRDB
import POEMSStorage

/// The audit trail in `audit_events` (migrations 0004 and 0011). Appends go
/// through the group-commit writer, so they share its transactions; the one
/// writer connection makes them one at a time, each chained to the last
/// (`AuditChain`). Migration 0011's trigger refuses any insert that is not
/// at the end and linked to the last event (so `INSERT OR REPLACE` too).
/// Migration 0012's lets a deletion through only for events a recorded
/// archive cut covers (`archive`).
public struct SQLiteAuditLog: AuditLog {
    let writer: GroupCommitWriter
    let slot: PoolSlot
    var pool: DatabasePool { slot.pool }

    public func append(_ event: AuditEvent, completion: (@Sendable (Result<Void, any Error>) -> Void)? = nil) {
        writer.submit({ db in try Self.insert(event, db) }, singleStatement: true, completion: completion ?? { _ in })
    }

    /// Inserts `event` on `db`, in the caller's transaction, after the last
    /// event: the next id, chained to its hash. Returns that id.
    @discardableResult
    static func insert(_ event: AuditEvent, _ db: Database) throws -> Int64 {
        var event = event
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"))
        event.id = (last?[0] as Int64? ?? 0) + 1
        let previous: String = last?[1] ?? AuditChain.genesis
        let hash = AuditChain.hash(event, previous: previous)
        try db.cachedStatement(sql: """
            INSERT INTO audit_events (id, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event.id, event.at, event.keyName, event.action, event.method, event.route, event.caseID, event.status,
                                     event.requestID, event.clientAddress, previous, hash])
        return event.id
    }

    public func chainHead() throws -> AuditChain.Head? {
        try DatabaseError.converted {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").map {
                    AuditChain.Head(id: $0[0], hash: $0[1] ?? "")
                }
            }
        }
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
                    SELECT \(Self.columns), prev_hash, hash
                    FROM audit_events\(filter) ORDER BY id LIMIT ?
                    """, arguments: arguments).map(Self.chainedEvent)
                let more = events.count > query.limit
                if more { events.removeLast() }
                return (events, more ? events.last?.id : nil)
            }
        }
    }

    public func archiveCuts() throws -> [AuditArchiveCut] {
        try DatabaseError.converted {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.cutColumns) FROM audit_archive_cuts ORDER BY through_id").map(Self.cut)
            }
        }
    }

    public func archiveRange(before timestamp: String) throws -> AuditArchiveRange? {
        try DatabaseError.converted {
            try pool.read { db in
                guard let first = try Row.fetchOne(db, sql: "SELECT id, prev_hash FROM audit_events ORDER BY id LIMIT 1"),
                      let through = try Row.fetchOne(db, sql: """
                          SELECT id, hash FROM audit_events WHERE id = (SELECT max(id) FROM audit_events WHERE at < ?)
                          """, arguments: [timestamp]) else { return nil }
                let throughID: Int64 = through[0]
                let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_events WHERE id <= ?", arguments: [throughID]) ?? 0
                return AuditArchiveRange(firstID: first[0], fromHash: first[1] ?? "", through: AuditChain.Head(id: throughID, hash: through[1] ?? ""),
                                         events: events)
            }
        }
    }

    public func archive(_ range: AuditArchiveRange, event: AuditEvent, fileName: String, fileSHA256: String,
                        beforeCommit: @escaping @Sendable () throws -> Void) throws -> AuditArchiveCut {
        try DatabaseError.converted {
            try pool.writeWithoutTransaction { db in
                var cut: AuditArchiveCut?
                try db.inTransaction(.immediate) {
                    let archiveEventID = try Self.insert(event, db)
                    let first = try Row.fetchOne(db, sql: "SELECT id, prev_hash FROM audit_events ORDER BY id LIMIT 1")
                    let through = try String.fetchOne(db, sql: "SELECT hash FROM audit_events WHERE id = ?", arguments: [range.through.id])
                    guard first?[0] == range.firstID, first?[1] == range.fromHash, through == range.through.hash else { throw AuditArchiveConflict() }
                    let recorded = AuditArchiveCut(range: range, archiveEventID: archiveEventID, archivedAt: event.at, fileName: fileName,
                                                   fileSHA256: fileSHA256)
                    try db.execute(sql: "INSERT INTO audit_archive_cuts (\(Self.cutColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                        range.through.id, range.through.hash, range.firstID, range.fromHash, range.events, archiveEventID, event.at, fileName,
                        fileSHA256,
                    ])
                    try db.execute(sql: "DELETE FROM audit_events WHERE id <= ?", arguments: [range.through.id])
                    try beforeCommit()
                    cut = recorded
                    return .commit
                }
                return cut!
            }
        }
    }

    /// The columns of `audit_archive_cuts`, in the order `cut(_:)` reads them.
    static let cutColumns = "through_id, through_hash, first_id, from_hash, events, archive_event_id, archived_at, file_name, file_sha256"

    /// The cut of a row of `cutColumns`.
    static func cut(_ row: Row) -> AuditArchiveCut {
        AuditArchiveCut(range: AuditArchiveRange(firstID: row[2], fromHash: row[3], through: AuditChain.Head(id: row[0], hash: row[1]), events: row[4]),
                        archiveEventID: row[5], archivedAt: row[6], fileName: row[7], fileSHA256: row[8])
    }

    /// The event of a row whose first columns are `columns`.
    static func event(_ row: Row) -> AuditEvent {
        var event = AuditEvent(keyName: row[2], action: row[3], method: row[4], route: row[5], caseID: row[6],
                               status: row[7], requestID: row[8], clientAddress: row[9])
        event.id = row[0]
        event.at = row[1]
        return event
    }

    /// The event of a row of `columns` followed by `prev_hash` and `hash`, with its link.
    static func chainedEvent(_ row: Row) -> AuditEvent {
        var event = event(row)
        if let previous: String = row[10], let hash: String = row[11] {
            event.link = AuditChain.Link(previousHash: previous, hash: hash)
        }
        return event
    }

    /// The stored columns of an event, in the order `event(_:)` reads them.
    static let columns = "id, at, key_name, action, method, route, case_id, status, request_id, client_address"
}
