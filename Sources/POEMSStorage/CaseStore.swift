import Foundation

/// Case records in SQLite: cases, their append-only revisions, idempotency
/// keys. Every SQL statement about cases is here.
///
/// Writes go through one writer thread with group commit and complete
/// asynchronously, after their transaction is durable (WAL,
/// `synchronous=FULL`); reads use pooled connections and never wait for the
/// writer.
public final class CaseStore: Sendable {
    private let writer: WriteQueue
    private let readers: ReaderPool
    /// How long idempotency keys are kept.
    public let idempotencyRetentionSeconds: Int

    /// Opens the store on a migrated database.
    ///
    /// - Parameter maximumWriteBatch: most writes committed together; 1
    ///   gives every write its own transaction and fsync.
    public init(path: String, maximumWriteBatch: Int = 256, idempotencyRetentionSeconds: Int = 24 * 3600) throws(DatabaseError) {
        writer = WriteQueue(database: try Database(path: path), maximumBatch: maximumWriteBatch)
        readers = ReaderPool(path: path)
        self.idempotencyRetentionSeconds = idempotencyRetentionSeconds
    }

    /// The audit trail, written through this store's writer.
    public var auditLog: AuditLog { AuditLog(writer: writer, readers: readers) }

    /// Commits queued writes and stops the writer.
    public func close() { writer.stop() }

    /// Writes committed and transactions used so far: with group commit,
    /// several writes share a transaction (and its fsync).
    public var writeStatistics: (writes: Int, commits: Int) {
        let counts = writer.statistics
        return (counts.jobs, counts.commits)
    }

    // MARK: - Writes

    /// Creates `record` (at revision 1, with the id and timestamps it
    /// carries). With an idempotency claim, a key seen before replays its
    /// stored response (same body) or is refused (different body);
    /// otherwise `response` is stored under the key in the same transaction
    /// as the case. Everything is prepared by the caller: the writer only
    /// writes.
    public func create(_ record: CaseRecord, draft: RevisionDraft, idempotency: IdempotencyClaim?, response: StoredResponse,
                       completion: @escaping @Sendable (Result<CreateOutcome, any Error>) -> Void) {
        let retention = idempotencyRetentionSeconds
        writer.submit({ db -> CreateOutcome in
            if let idempotency {
                try db.prepare("DELETE FROM idempotency_keys WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)",
                               [.text("-\(retention) seconds")]).step()
                let existing = try db.prepare("SELECT fingerprint, status, headers, body FROM idempotency_keys WHERE key = ?", [.text(idempotency.key)])
                if try existing.step() {
                    guard existing.text(0) == idempotency.fingerprint else { return .keyReused }
                    return .replayed(StoredResponse(status: existing.int(1), headers: Self.decodeHeaders(existing.text(2)), body: existing.blob(3)))
                }
            }
            let sequence = try Self.bumpChangeCounter(db)
            try db.prepare("INSERT INTO cases (id, patient_ref, created_at, updated_at, revision, change_seq) VALUES (?, ?, ?, ?, 1, ?)",
                           [.text(record.id), record.patientRef.map(DatabaseValue.text) ?? .null, .text(record.createdAt),
                            .text(record.updatedAt), .integer(sequence)]).step()
            try Self.insertRevision(db, casePK: Int(db.lastInsertedRowID), number: 1, at: record.createdAt, draft: draft)
            if let idempotency {
                try db.prepare("INSERT INTO idempotency_keys (key, fingerprint, status, headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [.text(idempotency.key), .text(idempotency.fingerprint), .integer(Int64(response.status)),
                                .text(Self.encodeHeaders(response.headers)), .blob(response.body), .text(record.createdAt)]).step()
            }
            return .created(record, response)
        }, completion: completion)
    }

    /// The record a create will write, for rendering its response first.
    public static func newRecord(patientRef: String?, draft: RevisionDraft) -> CaseRecord {
        let now = Timestamp.now()
        return CaseRecord(id: newID(), patientRef: patientRef, createdAt: now, updatedAt: now, latest: revision(1, at: now, draft))
    }

    /// Appends a revision to a live case, if it is at `expectedRevision`
    /// (`nil`: whatever its revision).
    public func update(id: String, expectedRevision: Int?, draft: RevisionDraft,
                       completion: @escaping @Sendable (Result<CaseRecord, any Error>) -> Void) {
        let now = Timestamp.now()
        writer.submit({ db -> CaseRecord in
            let current = try db.prepare("SELECT pk, revision, patient_ref, created_at FROM cases WHERE id = ? AND deleted_at IS NULL", [.text(id)])
            guard try current.step() else { throw CaseWriteError.notFound }
            let pk = current.int(0), revision = current.int(1)
            if let expectedRevision, expectedRevision != revision { throw CaseWriteError.revisionMismatch(current: revision) }
            let patientRef = current.text(2), createdAt = current.text(3) ?? now
            let sequence = try Self.bumpChangeCounter(db)
            try db.prepare("UPDATE cases SET revision = ?, updated_at = ?, change_seq = ? WHERE pk = ?",
                           [.integer(Int64(revision + 1)), .text(now), .integer(sequence), .integer(Int64(pk))]).step()
            try db.prepare("DELETE FROM case_verdicts WHERE case_pk = ?", [.integer(Int64(pk))]).step()
            try db.prepare("DELETE FROM case_criteria WHERE case_pk = ?", [.integer(Int64(pk))]).step()
            try Self.insertRevision(db, casePK: pk, number: revision + 1, at: now, draft: draft)
            return CaseRecord(id: id, patientRef: patientRef, createdAt: createdAt, updatedAt: now,
                              latest: Self.revision(revision + 1, at: now, draft))
        }, completion: completion)
    }

    /// Deletes a live case: it disappears from reads; its revisions are kept,
    /// marked deleted.
    public func delete(id: String, expectedRevision: Int?, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        let now = Timestamp.now()
        writer.submit({ db in
            let current = try db.prepare("SELECT pk, revision FROM cases WHERE id = ? AND deleted_at IS NULL", [.text(id)])
            guard try current.step() else { throw CaseWriteError.notFound }
            let pk = Int64(current.int(0)), revision = current.int(1)
            if let expectedRevision, expectedRevision != revision { throw CaseWriteError.revisionMismatch(current: revision) }
            let sequence = try Self.bumpChangeCounter(db)
            try db.prepare("UPDATE cases SET deleted_at = ?, updated_at = ?, change_seq = ? WHERE pk = ?",
                           [.text(now), .text(now), .integer(sequence), .integer(pk)]).step()
            try db.prepare("UPDATE revisions SET deleted = 1 WHERE case_pk = ?", [.integer(pk)]).step()
            try db.prepare("DELETE FROM case_verdicts WHERE case_pk = ?", [.integer(pk)]).step()
            try db.prepare("DELETE FROM case_criteria WHERE case_pk = ?", [.integer(pk)]).step()
        }, completion: completion)
    }

    // MARK: - Reads

    /// The live case `id` with its latest revision.
    public func fetch(id: String) throws -> CaseRecord? {
        try readers.read { db in
            let statement = try db.prepare("""
                SELECT c.id, c.patient_ref, c.created_at, c.updated_at,
                       r.number, r.created_at, r.input, r.note, r.evaluation, r.criteria_sets, r.engine_version, r.deleted
                FROM cases c JOIN revisions r ON r.case_pk = c.pk AND r.number = c.revision
                WHERE c.id = ? AND c.deleted_at IS NULL
                """, [.text(id)])
            guard try statement.step() else { return nil }
            return CaseRecord(id: statement.text(0) ?? id, patientRef: statement.text(1), createdAt: statement.text(2) ?? "",
                              updatedAt: statement.text(3) ?? "", latest: Self.readRevision(statement, from: 4))
        }
    }

    /// The latest revision number of the live case `id`: enough to answer a
    /// conditional request without reading the revision.
    public func currentRevision(id: String) throws -> Int? {
        try readers.read { db in try db.scalarInt("SELECT revision FROM cases WHERE id = ? AND deleted_at IS NULL", [.text(id)]) }
    }

    /// Every revision of the live case `id`, oldest first.
    public func revisions(id: String) throws -> [RevisionRecord]? {
        try readers.read { db in
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            guard let pk = try db.scalarInt("SELECT pk FROM cases WHERE id = ? AND deleted_at IS NULL", [.text(id)]) else { return nil }
            let statement = try db.prepare("""
                SELECT number, created_at, input, note, evaluation, criteria_sets, engine_version, deleted
                FROM revisions WHERE case_pk = ? ORDER BY number
                """, [.integer(Int64(pk))])
            var revisions: [RevisionRecord] = []
            while try statement.step() { revisions.append(Self.readRevision(statement, from: 0)) }
            return revisions
        }
    }

    /// Live cases in creation order, filtered, one page.
    public func list(_ query: CaseListQuery) throws -> CasePage {
        try readers.read { db in
            var sql = "SELECT c.pk, c.id, c.patient_ref, c.created_at, c.updated_at, c.revision FROM cases c"
            var conditions = ["c.deleted_at IS NULL"]
            var arguments: [DatabaseValue] = []
            if let verdict = query.verdict {
                sql += " JOIN case_verdicts v ON v.case_pk = c.pk AND v.criteria_set = ? AND v.verdict = ?"
                arguments += [.text(query.criteriaSet), .text(verdict)]
            }
            if let patientRef = query.patientRef { conditions.append("c.patient_ref = ?"); arguments.append(.text(patientRef)) }
            if let since = query.updatedSince { conditions.append("c.updated_at >= ?"); arguments.append(.text(since)) }
            if let after = query.after { conditions.append("c.pk > ?"); arguments.append(.integer(after)) }
            sql += " WHERE " + conditions.joined(separator: " AND ") + " ORDER BY c.pk LIMIT ?"
            arguments.append(.integer(Int64(query.limit + 1)))
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            let statement = try db.prepare(sql, arguments)
            var rows: [(pk: Int64, summary: CaseSummary)] = []
            while try statement.step() {
                rows.append((Int64(statement.int(0)), CaseSummary(
                    id: statement.text(1) ?? "", patientRef: statement.text(2), createdAt: statement.text(3) ?? "",
                    updatedAt: statement.text(4) ?? "", revision: statement.int(5), verdicts: [:])))
            }
            let more = rows.count > query.limit
            if more { rows.removeLast() }
            let verdicts = try db.prepare("SELECT criteria_set, verdict FROM case_verdicts WHERE case_pk = ?")
            for index in rows.indices {
                try verdicts.reset([.integer(rows[index].pk)])
                while try verdicts.step() { rows[index].summary.verdicts[verdicts.text(0) ?? ""] = verdicts.text(1) ?? "" }
            }
            return CasePage(items: rows.map(\.summary), next: more ? rows.last?.pk : nil)
        }
    }

    /// The global change counter: it moves with every write, so a listing
    /// whose counter has not moved has not changed.
    public func changeSequence() throws -> Int64 {
        try readers.read { db in Int64(try db.scalarInt("SELECT value FROM change_counter WHERE only = 1") ?? 0) }
    }

    /// Counts over the latest revisions of live cases.
    public func statistics() throws -> CaseStatistics {
        try readers.read { db in
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            let cases = try db.scalarInt("SELECT count(*) FROM cases WHERE deleted_at IS NULL") ?? 0
            var verdicts: [String: [String: Int]] = [:]
            let byVerdict = try db.prepare("SELECT criteria_set, verdict, count(*) FROM case_verdicts GROUP BY criteria_set, verdict")
            while try byVerdict.step() { verdicts[byVerdict.text(0) ?? "", default: [:]][byVerdict.text(1) ?? ""] = byVerdict.int(2) }
            var criteria: [CaseStatistics.CriterionCount] = []
            let byCriterion = try db.prepare("""
                SELECT criteria_set, criterion, sum(status = 'met'), sum(status = 'not-met'), sum(status = 'unknown')
                FROM case_criteria GROUP BY criteria_set, criterion ORDER BY criteria_set, criterion
                """)
            while try byCriterion.step() {
                criteria.append(.init(criteriaSet: byCriterion.text(0) ?? "", criterion: byCriterion.text(1) ?? "",
                                      met: byCriterion.int(2), notMet: byCriterion.int(3), unknown: byCriterion.int(4)))
            }
            return CaseStatistics(cases: cases, verdicts: verdicts, criteria: criteria)
        }
    }

    // MARK: - Helpers

    private static func bumpChangeCounter(_ db: Database) throws(DatabaseError) -> Int64 {
        Int64(try db.scalarInt("UPDATE change_counter SET value = value + 1 WHERE only = 1 RETURNING value") ?? 0)
    }

    private static func insertRevision(_ db: Database, casePK pk: Int, number: Int, at now: String, draft: RevisionDraft) throws(DatabaseError) {
        let casePK = DatabaseValue.integer(Int64(pk))
        try db.prepare("""
            INSERT INTO revisions (case_pk, number, created_at, input, note, evaluation, criteria_sets, engine_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [casePK, .integer(Int64(number)), .text(now), .text(draft.input), draft.note.map(DatabaseValue.text) ?? .null,
                  .text(draft.evaluation), .text(encodeList(draft.criteriaSets)), .text(draft.engineVersion)]).step()
        let verdict = try db.prepare("INSERT INTO case_verdicts (case_pk, criteria_set, verdict) VALUES (?, ?, ?)")
        for (set, value) in draft.verdicts.sorted(by: { $0.key < $1.key }) {
            try verdict.reset([casePK, .text(set), .text(value)])
            try verdict.step()
        }
        let criterion = try db.prepare("INSERT INTO case_criteria (case_pk, criteria_set, criterion, status) VALUES (?, ?, ?, ?)")
        for row in draft.criteria {
            try criterion.reset([casePK, .text(row.criteriaSet), .text(row.criterion), .text(row.status)])
            try criterion.step()
        }
    }

    private static func revision(_ number: Int, at now: String, _ draft: RevisionDraft) -> RevisionRecord {
        RevisionRecord(number: number, createdAt: now, input: draft.input, note: draft.note, evaluation: draft.evaluation,
                       criteriaSets: draft.criteriaSets, engineVersion: draft.engineVersion, deleted: false)
    }

    private static func readRevision(_ statement: Statement, from column: Int32) -> RevisionRecord {
        RevisionRecord(number: statement.int(column), createdAt: statement.text(column + 1) ?? "",
                       input: statement.text(column + 2) ?? "{}", note: statement.text(column + 3),
                       evaluation: statement.text(column + 4) ?? "{}", criteriaSets: decodeList(statement.text(column + 5)),
                       engineVersion: statement.text(column + 6) ?? "", deleted: statement.int(column + 7) != 0)
    }

    /// 128 random bits, URL-safe base64 without padding: 22 characters.
    static func newID() -> String { Base64URL.random(bytes: 16) }

    private static func encodeList(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decodeList(_ text: String?) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data((text ?? "[]").utf8))) ?? []
    }

    private static func encodeHeaders(_ headers: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(headers)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private static func decodeHeaders(_ text: String?) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data((text ?? "{}").utf8))) ?? [:]
    }
}
