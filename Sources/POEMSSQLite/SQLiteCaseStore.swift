import Foundation
import GRDB
import POEMSStorage

/// Case records in SQLite: cases, their append-only revisions, idempotency
/// keys (migrations 0002 and 0005), purge tombstones (migration 0013).
/// Every SQL statement about cases is here.
///
/// Writes go through the group-commit writer and complete once their
/// transaction is durable (WAL, `synchronous=FULL` on the writer); reads use
/// the pool's reader connections and never wait for the writer.
public struct SQLiteCaseStore: CaseStore {
    let writer: GroupCommitWriter
    let slot: PoolSlot
    var pool: DatabasePool { slot.pool }
    public let commits: CommitSignal
    /// How long idempotency keys are kept.
    public let idempotencyRetentionSeconds: Int

    // MARK: - Writes

    public func create(_ record: CaseRecord, draft: RevisionDraft, idempotency: IdempotencyClaim?, audit: @escaping WriteAudit<CreateOutcome>,
                       completion: @escaping @Sendable (Result<CreateOutcome, any Error>) -> Void) {
        let retention = idempotencyRetentionSeconds
        submit({ db -> (CreateOutcome, Int64?) in
            if let idempotency {
                try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)")
                    .execute(arguments: ["-\(retention) seconds"])
                if let replay = try Self.replay(idempotency, db) { return (replay, nil) }
            }
            let sequence = try Self.bumpChangeCounter(db)
            try db.cachedStatement(sql: "INSERT INTO cases (id, patient_ref, created_at, updated_at, revision, change_seq, digest) VALUES (?, ?, ?, ?, 1, ?, ?)")
                .execute(arguments: [record.id, record.patientRef, record.createdAt, record.updatedAt, sequence, draft.digest])
            let pk = db.lastInsertedRowID
            try Self.insertRevision(db, casePK: pk, record.latest, draft: draft)
            let seq = try Self.appendChange(db, id: record.id, .created, revision: 1, at: record.updatedAt)
            if let idempotency {
                try db.cachedStatement(sql: """
                    INSERT INTO idempotency_keys (key, fingerprint, status, headers, body, created_at, case_pk)
                    VALUES (?, ?, 201, '{}', x'', ?, ?)
                    """).execute(arguments: [idempotency.key, idempotency.fingerprint, record.createdAt, pk])
            }
            return (.created(record), seq)
        }, audit: audit, completion: completion)
    }

    public func update(_ record: CaseRecord, draft: RevisionDraft, audit: @escaping WriteAudit<CaseRecord>,
                       completion: @escaping @Sendable (Result<CaseRecord, any Error>) -> Void) {
        submit({ db -> (CaseRecord, Int64?) in
            let pk = try Self.lockLive(db, id: record.id, expectedRevision: record.revision - 1)
            let sequence = try Self.bumpChangeCounter(db)
            try db.cachedStatement(sql: "UPDATE cases SET revision = ?, updated_at = ?, change_seq = ?, digest = ? WHERE pk = ?")
                .execute(arguments: [record.revision, record.updatedAt, sequence, draft.digest, pk])
            try Self.clearLatest(db, casePK: pk)
            try Self.insertRevision(db, casePK: pk, record.latest, draft: draft)
            return (record, try Self.appendChange(db, id: record.id, .updated, revision: record.revision, at: record.updatedAt))
        }, audit: audit, completion: completion)
    }

    public func delete(id: String, expectedRevision: Int?, audit: @escaping WriteAudit<Void>,
                       completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        let now = Timestamp.now()
        submit({ db -> (Void, Int64?) in
            let pk = try Self.lockLive(db, id: id, expectedRevision: expectedRevision)
            let sequence = try Self.bumpChangeCounter(db)
            let revision = try Int.fetchOne(
                db.cachedStatement(sql: "UPDATE cases SET deleted_at = ?, updated_at = ?, change_seq = ? WHERE pk = ? RETURNING revision"),
                arguments: [now, now, sequence, pk]) ?? 0
            try db.cachedStatement(sql: "UPDATE revisions SET deleted = 1 WHERE case_pk = ?").execute(arguments: [pk])
            try Self.clearLatest(db, casePK: pk)
            return ((), try Self.appendChange(db, id: id, .deleted, revision: revision, at: now))
        }, audit: audit, completion: completion)
    }

    public func purge(id: String, audit: @escaping WriteAudit<PurgeOutcome>,
                      completion: @escaping @Sendable (Result<PurgeOutcome, any Error>) -> Void) {
        let now = Timestamp.now()
        submit({ db -> (PurgeOutcome, Int64?) in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT pk, revision, purged_at FROM cases WHERE id = ?"),
                                             arguments: [id]) else { throw CaseWriteError.notFound }
            if let purgedAt: String = row[2] { return (.alreadyPurged(at: purgedAt), nil) }
            let pk: Int64 = row[0], revision: Int = row[1]
            // What this frees is overwritten with zeros, in the pages and in
            // freed overflow and freelist pages: the writer connection runs
            // with `secure_delete = ON` (`SQLiteStorage`).
            try db.execute(sql: "DELETE FROM revisions WHERE case_pk = ?", arguments: [pk])
            let revisions = db.changesCount
            try Self.clearLatest(db, casePK: pk)
            // The creation's idempotency record.
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE case_pk = ?", arguments: [pk])
            let sequence = try Self.bumpChangeCounter(db)
            try db.execute(sql: """
                UPDATE cases SET patient_ref = NULL, digest = NULL, deleted_at = coalesce(deleted_at, ?), purged_at = ?, updated_at = ?,
                    change_seq = ? WHERE pk = ?
                """, arguments: [now, now, now, sequence, pk])
            return (.purged(revisions: revisions, at: now), try Self.appendChange(db, id: id, .purged, revision: revision, at: now))
        }, audit: audit, completion: completion)
    }

    /// A case write through the group-commit writer: `work` returns its
    /// outcome and the feed `seq` it appended (`nil`: none), published on
    /// `commits` once durable, before the completion runs.
    private func submit<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> (T, Int64?), audit: @escaping WriteAudit<T>,
                                     completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let commits = self.commits
        writer.submit(work, audit: { result in audit(result.map(\.0)) }) { result in
            if case .success((_, let seq?)) = result { commits.publish(seq) }
            completion(result.map(\.0))
        }
    }

    // MARK: - Reads

    public func changes(after: Int64, limit: Int) throws -> [CaseChange] {
        try DatabaseError.converted {
            try pool.unsafeRead { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT seq, case_id, kind, revision, at FROM case_changes WHERE seq > ? ORDER BY seq LIMIT ?"),
                                 arguments: [after, limit]).map {
                    CaseChange(seq: $0[0], caseID: $0[1], kind: CaseChange.Kind(rawValue: $0[2]) ?? .updated, revision: $0[3], at: $0[4])
                }
            }
        }
    }

    public func replay(_ claim: IdempotencyClaim) throws -> CreateOutcome? {
        try DatabaseError.converted { try pool.read { db in try Self.replay(claim, db) } }
    }

    public func fetch(id: String) throws -> CaseRecord? {
        try DatabaseError.converted {
            try pool.unsafeRead { db in
                try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT c.id, c.patient_ref, c.created_at, c.updated_at, \(Self.revisionColumns("r"))
                    FROM cases c JOIN revisions r ON r.case_pk = c.pk AND r.number = c.revision
                    WHERE c.id = ? AND c.deleted_at IS NULL
                    """), arguments: [id]).map(Self.caseRecord)
            }
        }
    }

    public func purgedAt(id: String) throws -> String? {
        try DatabaseError.converted {
            try pool.unsafeRead { db in
                try String.fetchOne(db.cachedStatement(sql: "SELECT purged_at FROM cases WHERE id = ?"), arguments: [id])
            }
        }
    }

    public func currentRevision(id: String) throws -> Int? {
        try DatabaseError.converted {
            try pool.unsafeRead { db in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT revision FROM cases WHERE id = ? AND deleted_at IS NULL"), arguments: [id])
            }
        }
    }

    public func revisions(id: String) throws -> [RevisionRecord]? {
        try DatabaseError.converted {
            try pool.read { db in
                guard let pk = try Int64.fetchOne(db, sql: "SELECT pk FROM cases WHERE id = ? AND deleted_at IS NULL", arguments: [id]) else {
                    return nil
                }
                return try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Self.revisionColumns("r")) FROM revisions r WHERE r.case_pk = ? ORDER BY r.number"),
                                        arguments: [pk]).map { Self.revisionRecord($0, from: 0) }
            }
        }
    }

    public func list(_ query: CaseListQuery) throws -> CasePage {
        var sql = "SELECT c.pk, c.id, c.patient_ref, c.created_at, c.updated_at, c.revision, c.digest FROM cases c"
        var conditions = ["c.deleted_at IS NULL"]
        var arguments = StatementArguments()
        if let verdict = query.verdict {
            sql += " JOIN case_verdicts v ON v.case_pk = c.pk AND v.criteria_set = ? AND v.verdict = ?"
            arguments += [query.criteriaSet, verdict]
        }
        if let patientRef = query.patientRef { conditions.append("c.patient_ref = ?"); arguments += [patientRef] }
        if let since = query.updatedSince { conditions.append("c.updated_at >= ?"); arguments += [since] }
        if let after = query.after { conditions.append("c.pk > ?"); arguments += [after] }
        sql += " WHERE " + conditions.joined(separator: " AND ") + " ORDER BY c.pk LIMIT ?"
        arguments += [query.limit + 1]
        return try DatabaseError.converted {
            try pool.read { db in
                var rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row -> (pk: Int64, summary: CaseSummary) in
                    (row[0], CaseSummary(id: row[1], patientRef: row[2], createdAt: row[3], updatedAt: row[4], revision: row[5], verdicts: [:],
                                                  digest: row[6]))
                }
                let more = rows.count > query.limit
                if more { rows.removeLast() }
                let verdicts = try db.cachedStatement(sql: "SELECT criteria_set, verdict FROM case_verdicts WHERE case_pk = ?")
                for index in rows.indices {
                    for row in try Row.fetchAll(verdicts, arguments: [rows[index].pk]) {
                        rows[index].summary.verdicts[row[0]] = row[1] as String
                    }
                }
                return CasePage(items: rows.map(\.summary), next: more ? rows.last?.pk : nil)
            }
        }
    }

    public func changeSequence() throws -> Int64 {
        try DatabaseError.converted {
            try pool.unsafeRead { db in
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM change_counter WHERE only = 1")) ?? 0
            }
        }
    }

    public func statistics(_ query: CaseStatisticsQuery) throws -> CaseStatistics {
        var cases = ["c.deleted_at IS NULL"], sets: [String] = []
        var caseArguments = StatementArguments(), setArguments = StatementArguments()
        if let since = query.since { cases.append("c.updated_at >= ?"); caseArguments += [since] }
        if let until = query.until { cases.append("c.updated_at < ?"); caseArguments += [until] }
        if let criteriaSets = query.criteriaSets {
            sets.append("t.criteria_set IN (" + criteriaSets.map { _ in "?" }.joined(separator: ", ") + ")")
            setArguments += StatementArguments(criteriaSets)
        }
        let caseFilter = cases.joined(separator: " AND ")
        let filter = (cases + sets).joined(separator: " AND ")
        return try DatabaseError.converted {
            // One read transaction: the counts and their feed position agree.
            try pool.read { db in
                let asOf = try Row.fetchOne(db, sql: "SELECT seq, at FROM case_changes ORDER BY seq DESC LIMIT 1")
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases c WHERE \(caseFilter)", arguments: caseArguments) ?? 0
                var verdicts: [String: [String: Int]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT t.criteria_set, t.verdict, count(*) FROM case_verdicts t JOIN cases c ON c.pk = t.case_pk
                    WHERE \(filter) GROUP BY t.criteria_set, t.verdict
                    """, arguments: caseArguments + setArguments) {
                    verdicts[row[0], default: [:]][row[1]] = row[2] as Int
                }
                let criteria = try Row.fetchAll(db, sql: """
                    SELECT t.criteria_set, t.criterion, sum(t.status = 'met'), sum(t.status = 'not-met'), sum(t.status = 'unknown')
                    FROM case_criteria t JOIN cases c ON c.pk = t.case_pk
                    WHERE \(filter) GROUP BY t.criteria_set, t.criterion ORDER BY t.criteria_set, t.criterion
                    """, arguments: caseArguments + setArguments)
                    .map { CaseStatistics.CriterionCount(criteriaSet: $0[0], criterion: $0[1], met: $0[2], notMet: $0[3], unknown: $0[4]) }
                return CaseStatistics(cases: count, verdicts: verdicts, criteria: criteria, asOfSeq: asOf?[0] ?? 0, asOfAt: asOf?[1])
            }
        }
    }

    // MARK: - Helpers

    /// The stored answer for a claimed key: the creation to replay, or a
    /// refusal for another request; `nil` for a new key. Every record
    /// refers to its case (migration 0015 gave the records written before
    /// 0005 theirs).
    private static func replay(_ claim: IdempotencyClaim, _ db: Database) throws -> CreateOutcome? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT fingerprint, case_pk FROM idempotency_keys WHERE key = ?"),
                                         arguments: [claim.key]) else { return nil }
        guard row[0] as String == claim.fingerprint else { return .keyReused }
        guard let created = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.id, c.patient_ref, c.created_at, r.created_at, \(revisionColumns("r"))
            FROM cases c JOIN revisions r ON r.case_pk = c.pk AND r.number = 1 WHERE c.pk = ?
            """), arguments: [row[1] as Int64?]) else { return nil }
        var record = caseRecord(created)
        record.latest.deleted = false
        return .replayedCreation(record)
    }

    /// The pk of the live case `id`, checked to be at `expectedRevision`.
    private static func lockLive(_ db: Database, id: String, expectedRevision: Int?) throws -> Int64 {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT pk, revision, deleted_at, purged_at FROM cases WHERE id = ?"),
                                         arguments: [id]) else { throw CaseWriteError.notFound }
        if let purgedAt: String = row[3] { throw CaseWriteError.purged(at: purgedAt) }
        guard row[2] as String? == nil else { throw CaseWriteError.notFound }
        let revision: Int = row[1]
        if let expectedRevision, expectedRevision != revision { throw CaseWriteError.revisionMismatch(current: revision) }
        return row[0]
    }

    private static func bumpChangeCounter(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "UPDATE change_counter SET value = value + 1 WHERE only = 1 RETURNING value")) ?? 0
    }

    /// Appends the write to the change feed; returns its `seq`.
    private static func appendChange(_ db: Database, id: String, _ kind: CaseChange.Kind, revision: Int, at: String) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO case_changes (case_id, kind, revision, at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [id, kind.rawValue, revision, at])
        return db.lastInsertedRowID
    }

    /// Removes the indexed facts of the case's latest revision.
    private static func clearLatest(_ db: Database, casePK pk: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM case_verdicts WHERE case_pk = ?").execute(arguments: [pk])
        try db.cachedStatement(sql: "DELETE FROM case_criteria WHERE case_pk = ?").execute(arguments: [pk])
    }

    private static func insertRevision(_ db: Database, casePK pk: Int64, _ revision: RevisionRecord, draft: RevisionDraft) throws {
        try db.cachedStatement(sql: """
            INSERT INTO revisions (case_pk, number, created_at, input, note, evaluation, criteria_sets, engine_version, treatment_evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [pk, revision.number, revision.createdAt, draft.input, draft.note, draft.evaluation,
                                     encodeList(draft.criteriaSets), draft.engineVersion, draft.treatmentEvidence])
        let verdict = try db.cachedStatement(sql: "INSERT INTO case_verdicts (case_pk, criteria_set, verdict) VALUES (?, ?, ?)")
        for (set, value) in draft.verdicts.sorted(by: { $0.key < $1.key }) {
            try verdict.execute(arguments: [pk, set, value])
        }
        let criterion = try db.cachedStatement(sql: "INSERT INTO case_criteria (case_pk, criteria_set, criterion, status) VALUES (?, ?, ?, ?)")
        for row in draft.criteria {
            try criterion.execute(arguments: [pk, row.criteriaSet, row.criterion, row.status])
        }
    }

    private static func revisionColumns(_ table: String) -> String {
        ["number", "created_at", "input", "note", "evaluation", "criteria_sets", "engine_version", "deleted", "treatment_evidence"]
            .map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// A case from `id, patient_ref, created_at, updated_at` and the revision columns.
    private static func caseRecord(_ row: Row) -> CaseRecord {
        CaseRecord(id: row[0], patientRef: row[1], createdAt: row[2], updatedAt: row[3], latest: revisionRecord(row, from: 4))
    }

    private static func revisionRecord(_ row: Row, from column: Int) -> RevisionRecord {
        RevisionRecord(number: row[column], createdAt: row[column + 1], input: row[column + 2], note: row[column + 3],
                       evaluation: row[column + 4], criteriaSets: decodeList(row[column + 5]), engineVersion: row[column + 6],
                       deleted: row[column + 7] as Bool, treatmentEvidence: row[column + 8])
    }

    private static func encodeList(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decodeList(_ text: String?) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data((text ?? "[]").utf8))) ?? []
    }
}
