import Foundation
import GRDB

/// Case records in SQLite: cases, their append-only revisions, idempotency
/// keys (migrations 0002 and 0005). Every SQL statement about cases is here.
///
/// Writes go through the group-commit writer and complete once their
/// transaction is durable (WAL, `synchronous=FULL` on the writer); reads use
/// the pool's reader connections and never wait for the writer.
public struct SQLiteCaseStore: CaseStore {
    let writer: GroupCommitWriter
    let pool: DatabasePool
    /// How long idempotency keys are kept.
    public let idempotencyRetentionSeconds: Int

    // MARK: - Writes

    public func create(_ record: CaseRecord, draft: RevisionDraft, idempotency: IdempotencyClaim?, audit: @escaping WriteAudit<CreateOutcome>,
                       completion: @escaping @Sendable (Result<CreateOutcome, any Error>) -> Void) {
        let retention = idempotencyRetentionSeconds
        writer.submit({ db -> CreateOutcome in
            if let idempotency {
                try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)")
                    .execute(arguments: ["-\(retention) seconds"])
                if let replay = try Self.replay(idempotency, db) { return replay }
            }
            let sequence = try Self.bumpChangeCounter(db)
            try db.cachedStatement(sql: "INSERT INTO cases (id, patient_ref, created_at, updated_at, revision, change_seq) VALUES (?, ?, ?, ?, 1, ?)")
                .execute(arguments: [record.id, record.patientRef, record.createdAt, record.updatedAt, sequence])
            let pk = db.lastInsertedRowID
            try Self.insertRevision(db, casePK: pk, record.latest, draft: draft)
            if let idempotency {
                try db.cachedStatement(sql: """
                    INSERT INTO idempotency_keys (key, fingerprint, status, headers, body, created_at, case_pk)
                    VALUES (?, ?, 201, '{}', x'', ?, ?)
                    """).execute(arguments: [idempotency.key, idempotency.fingerprint, record.createdAt, pk])
            }
            return .created(record)
        }, audit: audit, completion: completion)
    }

    public func update(_ record: CaseRecord, draft: RevisionDraft, audit: @escaping WriteAudit<CaseRecord>,
                       completion: @escaping @Sendable (Result<CaseRecord, any Error>) -> Void) {
        writer.submit({ db -> CaseRecord in
            let pk = try Self.lockLive(db, id: record.id, expectedRevision: record.revision - 1)
            let sequence = try Self.bumpChangeCounter(db)
            try db.cachedStatement(sql: "UPDATE cases SET revision = ?, updated_at = ?, change_seq = ? WHERE pk = ?")
                .execute(arguments: [record.revision, record.updatedAt, sequence, pk])
            try Self.clearLatest(db, casePK: pk)
            try Self.insertRevision(db, casePK: pk, record.latest, draft: draft)
            return record
        }, audit: audit, completion: completion)
    }

    public func delete(id: String, expectedRevision: Int?, audit: @escaping WriteAudit<Void>,
                       completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        let now = Timestamp.now()
        writer.submit({ db in
            let pk = try Self.lockLive(db, id: id, expectedRevision: expectedRevision)
            let sequence = try Self.bumpChangeCounter(db)
            try db.cachedStatement(sql: "UPDATE cases SET deleted_at = ?, updated_at = ?, change_seq = ? WHERE pk = ?")
                .execute(arguments: [now, now, sequence, pk])
            try db.cachedStatement(sql: "UPDATE revisions SET deleted = 1 WHERE case_pk = ?").execute(arguments: [pk])
            try Self.clearLatest(db, casePK: pk)
        }, audit: audit, completion: completion)
    }

    // MARK: - Reads

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
        var sql = "SELECT c.pk, c.id, c.patient_ref, c.created_at, c.updated_at, c.revision FROM cases c"
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
                    (row[0], CaseSummary(id: row[1], patientRef: row[2], createdAt: row[3], updatedAt: row[4], revision: row[5], verdicts: [:]))
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

    public func statistics() throws -> CaseStatistics {
        try DatabaseError.converted {
            try pool.read { db in
                let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE deleted_at IS NULL") ?? 0
                var verdicts: [String: [String: Int]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT criteria_set, verdict, count(*) FROM case_verdicts GROUP BY criteria_set, verdict") {
                    verdicts[row[0], default: [:]][row[1]] = row[2] as Int
                }
                let criteria = try Row.fetchAll(db, sql: """
                    SELECT criteria_set, criterion, sum(status = 'met'), sum(status = 'not-met'), sum(status = 'unknown')
                    FROM case_criteria GROUP BY criteria_set, criterion ORDER BY criteria_set, criterion
                    """).map { CaseStatistics.CriterionCount(criteriaSet: $0[0], criterion: $0[1], met: $0[2], notMet: $0[3], unknown: $0[4]) }
                return CaseStatistics(cases: cases, verdicts: verdicts, criteria: criteria)
            }
        }
    }

    // MARK: - Helpers

    /// The stored answer for a claimed key: the creation to replay, the
    /// stored response (rows before migration 0005), or a refusal for
    /// another request; `nil` for a new key.
    private static func replay(_ claim: IdempotencyClaim, _ db: Database) throws -> CreateOutcome? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT fingerprint, status, headers, body, case_pk FROM idempotency_keys WHERE key = ?"),
                                         arguments: [claim.key]) else { return nil }
        guard row[0] as String == claim.fingerprint else { return .keyReused }
        if let pk = row[4] as Int64? {
            guard let created = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT c.id, c.patient_ref, c.created_at, r.created_at, \(revisionColumns("r"))
                FROM cases c JOIN revisions r ON r.case_pk = c.pk AND r.number = 1 WHERE c.pk = ?
                """), arguments: [pk]) else { return nil }
            var record = caseRecord(created)
            record.latest.deleted = false
            return .replayedCreation(record)
        }
        return .replayed(StoredResponse(status: row[1], headers: decodeHeaders(row[2]), body: Array(row[3] as Data)))
    }

    /// The pk of the live case `id`, checked to be at `expectedRevision`.
    private static func lockLive(_ db: Database, id: String, expectedRevision: Int?) throws -> Int64 {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT pk, revision FROM cases WHERE id = ? AND deleted_at IS NULL"),
                                         arguments: [id]) else { throw CaseWriteError.notFound }
        let revision: Int = row[1]
        if let expectedRevision, expectedRevision != revision { throw CaseWriteError.revisionMismatch(current: revision) }
        return row[0]
    }

    private static func bumpChangeCounter(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "UPDATE change_counter SET value = value + 1 WHERE only = 1 RETURNING value")) ?? 0
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

    private static func decodeHeaders(_ text: String?) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data((text ?? "{}").utf8))) ?? [:]
    }
}
