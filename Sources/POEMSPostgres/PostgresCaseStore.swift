import Foundation
import PostgresNIO
import POEMSStorage
import Synchronization

/// Case records in PostgreSQL: cases, their append-only revisions,
/// idempotency keys, the change feed (migration postgres/0001), purge
/// tombstones (postgres/0006). Every SQL statement about cases is here.
///
/// Writes go through the instance's `PostgresWriter` and complete once
/// committed; reads run on pooled connections. Several instances share
/// everything: an `Idempotency-Key` is claimed with `INSERT … ON CONFLICT
/// DO NOTHING` before the case is written (a concurrent claim by another
/// instance waits for that one's transaction, then replays it), and
/// `If-Match` is a conditional `UPDATE … WHERE revision = expected` (of
/// two concurrent updates, the second finds the revision moved).
public final class PostgresCaseStore: CaseStore {
    let database: PostgresDatabase
    let writer: PostgresWriter
    public let commits: CommitSignal
    public let idempotencyRetentionSeconds: Int
    /// When this instance last removed expired idempotency keys.
    private let lastPurge = Mutex<ContinuousClock.Instant?>(nil)

    init(database: PostgresDatabase, writer: PostgresWriter, commits: CommitSignal, idempotencyRetentionSeconds: Int) {
        self.database = database
        self.writer = writer
        self.commits = commits
        self.idempotencyRetentionSeconds = idempotencyRetentionSeconds
    }

    // MARK: - Writes

    public func create(_ record: CaseRecord, draft: RevisionDraft, idempotency: IdempotencyClaim?, audit: @escaping WriteAudit<CreateOutcome>,
                       completion: @escaping @Sendable (Result<CreateOutcome, any Error>) -> Void) {
        let purge = idempotency != nil && purgeDue()
        let retention = idempotencyRetentionSeconds
        let logger = database.logger
        submit({ connection -> (CreateOutcome, PostgresWriter.PendingChange?) in
            if let idempotency {
                if purge {
                    try await connection.query("""
                        DELETE FROM idempotency_keys WHERE created_at < to_char((clock_timestamp() AT TIME ZONE 'UTC') - make_interval(secs => \(retention)),
                            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                        """, logger: logger)
                }
                let claimed = try await connection.query("""
                    INSERT INTO idempotency_keys (key, fingerprint, case_id, created_at)
                    VALUES (\(idempotency.key), \(idempotency.fingerprint), \(record.id), \(record.createdAt))
                    ON CONFLICT (key) DO NOTHING RETURNING 1
                    """, logger: logger).collect()
                if claimed.isEmpty {
                    // Another request holds the key (committed, or waited for above).
                    return (try await Self.replay(idempotency, connection, logger: logger) ?? .keyReused, nil)
                }
            }
            let facts = Self.revisionFacts(draft)
            try await connection.query("""
                WITH c AS (
                    INSERT INTO cases (id, patient_ref, created_at, updated_at, revision, digest)
                    VALUES (\(record.id), \(record.patientRef), \(record.createdAt), \(record.updatedAt), 1, \(draft.digest)) RETURNING pk
                ), r AS (
                    INSERT INTO revisions (case_pk, number, created_at, input, note, evaluation, criteria_sets, engine_version, treatment_evidence)
                    SELECT c.pk, 1, \(record.latest.createdAt), \(draft.input), \(draft.note), \(draft.evaluation), \(facts.criteriaSets),
                           \(draft.engineVersion), \(draft.treatmentEvidence) FROM c
                ), v AS (
                    INSERT INTO case_verdicts (case_pk, criteria_set, verdict)
                    SELECT c.pk, t.s, t.v FROM c, unnest(\(facts.verdictSets)::text[], \(facts.verdicts)::text[]) AS t(s, v)
                )
                INSERT INTO case_criteria (case_pk, criteria_set, criterion, status)
                SELECT c.pk, t.s, t.c, t.st FROM c, unnest(\(facts.criterionSets)::text[], \(facts.criteria)::text[], \(facts.statuses)::text[]) AS t(s, c, st)
                """, logger: logger)
            return (.created(record), .init(caseID: record.id, kind: .created, revision: 1, at: record.updatedAt))
        }, audit: audit, completion: completion)
    }

    public func update(_ record: CaseRecord, draft: RevisionDraft, audit: @escaping WriteAudit<CaseRecord>,
                       completion: @escaping @Sendable (Result<CaseRecord, any Error>) -> Void) {
        let logger = database.logger
        submit({ connection -> (CaseRecord, PostgresWriter.PendingChange?) in
            // If-Match in the database: the update happens only at the expected revision.
            guard let pk = try await connection.query("""
                UPDATE cases SET revision = \(record.revision), updated_at = \(record.updatedAt), digest = \(draft.digest)
                WHERE id = \(record.id) AND deleted_at IS NULL AND revision = \(record.revision - 1) RETURNING pk
                """, logger: logger).collect().first?.decode(Int64.self) else {
                throw try await Self.refusal(id: record.id, connection, logger: logger)
            }
            try await Self.clearLatest(pk, connection, logger: logger)
            let facts = Self.revisionFacts(draft)
            try await connection.query("""
                WITH r AS (
                    INSERT INTO revisions (case_pk, number, created_at, input, note, evaluation, criteria_sets, engine_version, treatment_evidence)
                    VALUES (\(pk), \(record.revision), \(record.latest.createdAt), \(draft.input), \(draft.note), \(draft.evaluation), \(facts.criteriaSets),
                            \(draft.engineVersion), \(draft.treatmentEvidence))
                ), v AS (
                    INSERT INTO case_verdicts (case_pk, criteria_set, verdict)
                    SELECT \(pk), t.s, t.v FROM unnest(\(facts.verdictSets)::text[], \(facts.verdicts)::text[]) AS t(s, v)
                )
                INSERT INTO case_criteria (case_pk, criteria_set, criterion, status)
                SELECT \(pk), t.s, t.c, t.st FROM unnest(\(facts.criterionSets)::text[], \(facts.criteria)::text[], \(facts.statuses)::text[]) AS t(s, c, st)
                """, logger: logger)
            return (record, .init(caseID: record.id, kind: .updated, revision: record.revision, at: record.updatedAt))
        }, audit: audit, completion: completion)
    }

    public func delete(id: String, expectedRevision: Int?, audit: @escaping WriteAudit<Void>,
                       completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        let logger = database.logger
        submit({ connection -> (Void, PostgresWriter.PendingChange?) in
            let now = Timestamp.now()
            guard let (pk, revision) = try await connection.query("""
                UPDATE cases SET deleted_at = \(now), updated_at = \(now)
                WHERE id = \(id) AND deleted_at IS NULL AND (\(expectedRevision.map(Int64.init))::bigint IS NULL OR revision = \(expectedRevision.map(Int64.init)))
                RETURNING pk, revision
                """, logger: logger).collect().first?.decode((Int64, Int).self) else {
                throw try await Self.refusal(id: id, connection, logger: logger)
            }
            try await connection.query("UPDATE revisions SET deleted = true WHERE case_pk = \(pk)", logger: logger)
            try await Self.clearLatest(pk, connection, logger: logger)
            return ((), .init(caseID: id, kind: .deleted, revision: revision, at: now))
        }, audit: audit, completion: completion)
    }

    public func purge(id: String, audit: @escaping WriteAudit<PurgeOutcome>,
                      completion: @escaping @Sendable (Result<PurgeOutcome, any Error>) -> Void) {
        let logger = database.logger
        submit({ connection -> (PurgeOutcome, PostgresWriter.PendingChange?) in
            let now = Timestamp.now()
            // The row lock first: a concurrent update (which locks the row
            // before adding its revision) either committed before, and its
            // revision is deleted below, or waits and then finds the case gone.
            guard let (pk, revision) = try await connection.query("""
                UPDATE cases SET patient_ref = NULL, digest = NULL, deleted_at = coalesce(deleted_at, \(now)), purged_at = \(now), updated_at = \(now)
                WHERE id = \(id) AND purged_at IS NULL RETURNING pk, revision
                """, logger: logger).collect().first?.decode((Int64, Int).self) else {
                guard let purgedAt = try await connection.query("SELECT purged_at FROM cases WHERE id = \(id)", logger: logger)
                    .collect().first?.decode(String?.self) else { throw CaseWriteError.notFound }
                return (.alreadyPurged(at: purgedAt ?? now), nil)
            }
            let removed = try await connection.query("""
                WITH k AS (DELETE FROM idempotency_keys WHERE case_id = \(id)),
                     v AS (DELETE FROM case_verdicts WHERE case_pk = \(pk)),
                     c AS (DELETE FROM case_criteria WHERE case_pk = \(pk)),
                     r AS (DELETE FROM revisions WHERE case_pk = \(pk) RETURNING 1)
                SELECT count(*) FROM r
                """, logger: logger).collect().first?.decode(Int64.self) ?? 0
            return (.purged(revisions: Int(removed), at: now), .init(caseID: id, kind: .purged, revision: revision, at: now))
        }, audit: audit, completion: completion)
    }

    /// A case write through the writer: its `seq` is published on
    /// `commits` once committed, before the completion runs.
    private func submit<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> (T, PostgresWriter.PendingChange?),
                                     audit: @escaping WriteAudit<T>, completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let commits = self.commits
        writer.submit(work, audit: audit) { result in
            if case .success((_, let seq?)) = result { commits.publish(seq) }
            completion(result.map(\.0))
        }
    }

    /// Whether this instance should remove expired idempotency keys now (once a minute).
    private func purgeDue() -> Bool {
        let now = ContinuousClock.now
        return lastPurge.withLock { last in
            guard last.map({ now - $0 > .seconds(60) }) ?? true else { return false }
            last = now
            return true
        }
    }

    // MARK: - Reads

    public func changes(after: Int64, limit: Int) throws -> [CaseChange] {
        try database.read { [database] connection in
            try await connection.query("""
                SELECT seq, case_id, kind, revision, at FROM case_changes WHERE seq > \(after) ORDER BY seq LIMIT \(Int64(limit))
                """, logger: database.logger).collect().map { row in
                let (seq, id, kind, revision, at) = try row.decode((Int64, String, String, Int, String).self)
                return CaseChange(seq: seq, caseID: id, kind: CaseChange.Kind(rawValue: kind) ?? .updated, revision: revision, at: at)
            }
        }
    }

    public func replay(_ claim: IdempotencyClaim) throws -> CreateOutcome? {
        try database.read { [database] connection in try await Self.replay(claim, connection, logger: database.logger) }
    }

    public func fetch(id: String) throws -> CaseRecord? {
        try database.read { [database] connection in
            try await connection.query("""
                SELECT c.id, c.patient_ref, c.created_at, c.updated_at, \(unescaped: Self.revisionColumns)
                FROM cases c JOIN revisions r ON r.case_pk = c.pk AND r.number = c.revision
                WHERE c.id = \(id) AND c.deleted_at IS NULL
                """, logger: database.logger).collect().first.map { try Self.caseRecord($0) }
        }
    }

    public func purgedAt(id: String) throws -> String? {
        try database.read { [database] connection in
            try await connection.query("SELECT purged_at FROM cases WHERE id = \(id)", logger: database.logger).collect().first?.decode(String?.self) ?? nil
        }
    }

    public func currentRevision(id: String) throws -> Int? {
        try database.read { [database] connection in
            try await connection.query("SELECT revision FROM cases WHERE id = \(id) AND deleted_at IS NULL", logger: database.logger)
                .collect().first?.decode(Int.self)
        }
    }

    public func revisions(id: String) throws -> [RevisionRecord]? {
        try database.read { [database] connection in
            let rows = try await connection.query("""
                SELECT c.pk, \(unescaped: Self.revisionColumns) FROM cases c JOIN revisions r ON r.case_pk = c.pk
                WHERE c.id = \(id) AND c.deleted_at IS NULL ORDER BY r.number
                """, logger: database.logger).collect()
            guard !rows.isEmpty else { return nil }
            return try rows.map { row in
                let c = try row.decode((Int64, Int, String, String, String?, String, String, String, Bool, String?).self)
                return Self.revisionRecord((c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9))
            }
        }
    }

    public func list(_ query: CaseListQuery) throws -> CasePage {
        try database.read { [database] connection in
            let rows = try await connection.query("""
                SELECT c.pk, c.id, c.patient_ref, c.created_at, c.updated_at, c.revision, c.digest,
                       (SELECT coalesce(jsonb_object_agg(v.criteria_set, v.verdict), '{}')::text FROM case_verdicts v WHERE v.case_pk = c.pk)
                FROM cases c
                WHERE c.deleted_at IS NULL
                  AND (\(query.verdict)::text IS NULL
                       OR EXISTS (SELECT 1 FROM case_verdicts f WHERE f.case_pk = c.pk AND f.criteria_set = \(query.criteriaSet) AND f.verdict = \(query.verdict)))
                  AND (\(query.patientRef)::text IS NULL OR c.patient_ref = \(query.patientRef))
                  AND (\(query.updatedSince)::text IS NULL OR c.updated_at >= \(query.updatedSince))
                  AND c.pk > \(query.after ?? 0)
                ORDER BY c.pk LIMIT \(Int64(query.limit + 1))
                """, logger: database.logger).collect()
            var items: [(pk: Int64, summary: CaseSummary)] = try rows.map { row in
                let (pk, id, patientRef, createdAt, updatedAt, revision, digest, verdicts)
                    = try row.decode((Int64, String, String?, String, String, Int, String?, String).self)
                let decoded = (try? JSONDecoder().decode([String: String].self, from: Data(verdicts.utf8))) ?? [:]
                return (pk, CaseSummary(id: id, patientRef: patientRef, createdAt: createdAt, updatedAt: updatedAt, revision: revision,
                                        verdicts: decoded, digest: digest))
            }
            let more = items.count > query.limit
            if more { items.removeLast() }
            return CasePage(items: items.map(\.summary), next: more ? items.last?.pk : nil)
        }
    }

    public func changeSequence() throws -> Int64 {
        try database.read { [database] connection in
            try await connection.query("SELECT value FROM change_counter WHERE id = 1", logger: database.logger).collect().first?.decode(Int64.self) ?? 0
        }
    }

    public func statistics(_ query: CaseStatisticsQuery) throws -> CaseStatistics {
        try database.read { [database] connection in
            let logger = database.logger
            // One snapshot: the counts and their feed position agree.
            return try await PostgresDatabase.transaction(connection, logger: logger, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                let sets = query.criteriaSets
                let asOf = try await connection.query("SELECT seq, at FROM case_changes ORDER BY seq DESC LIMIT 1", logger: logger)
                    .collect().first?.decode((Int64, String).self)
                let count = try await connection.query("""
                    SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND (\(query.since)::text IS NULL OR c.updated_at >= \(query.since))
                    AND (\(query.until)::text IS NULL OR c.updated_at < \(query.until))
                    """, logger: logger).collect().first?.decode(Int64.self) ?? 0
                var verdicts: [String: [String: Int]] = [:]
                for row in try await connection.query("""
                    SELECT t.criteria_set, t.verdict, count(*) FROM case_verdicts t JOIN cases c ON c.pk = t.case_pk
                    WHERE c.deleted_at IS NULL AND (\(query.since)::text IS NULL OR c.updated_at >= \(query.since))
                      AND (\(query.until)::text IS NULL OR c.updated_at < \(query.until))
                      AND (\(sets)::text[] IS NULL OR t.criteria_set = ANY(\(sets)))
                    GROUP BY t.criteria_set, t.verdict
                    """, logger: logger).collect() {
                    let (set, verdict, number) = try row.decode((String, String, Int64).self)
                    verdicts[set, default: [:]][verdict] = Int(number)
                }
                let criteria = try await connection.query("""
                    SELECT t.criteria_set, t.criterion, count(*) FILTER (WHERE t.status = 'met'), count(*) FILTER (WHERE t.status = 'not-met'),
                           count(*) FILTER (WHERE t.status = 'unknown')
                    FROM case_criteria t JOIN cases c ON c.pk = t.case_pk
                    WHERE c.deleted_at IS NULL AND (\(query.since)::text IS NULL OR c.updated_at >= \(query.since))
                      AND (\(query.until)::text IS NULL OR c.updated_at < \(query.until))
                      AND (\(sets)::text[] IS NULL OR t.criteria_set = ANY(\(sets)))
                    GROUP BY t.criteria_set, t.criterion ORDER BY t.criteria_set, t.criterion
                    """, logger: logger).collect().map { row in
                    let (set, criterion, met, notMet, unknown) = try row.decode((String, String, Int64, Int64, Int64).self)
                    return CaseStatistics.CriterionCount(criteriaSet: set, criterion: criterion, met: Int(met), notMet: Int(notMet), unknown: Int(unknown))
                }
                return CaseStatistics(cases: Int(count), verdicts: verdicts, criteria: criteria, asOfSeq: asOf?.0 ?? 0, asOfAt: asOf?.1)
            }
        }
    }

    // MARK: - Helpers

    /// What a claimed key replays: the creation (same body), a refusal
    /// (another body), or `nil` when the key is unknown.
    private static func replay(_ claim: IdempotencyClaim, _ connection: PostgresConnection, logger: Logger) async throws -> CreateOutcome? {
        let rows = try await connection.query("""
            SELECT k.fingerprint, c.id, c.patient_ref, c.created_at, r.created_at, \(unescaped: revisionColumns)
            FROM idempotency_keys k JOIN cases c ON c.id = k.case_id JOIN revisions r ON r.case_pk = c.pk AND r.number = 1
            WHERE k.key = \(claim.key)
            """, logger: logger).collect()
        guard let row = rows.first else { return nil }
        let columns = try row.decode((String, String, String?, String, String, Int, String, String, String?, String, String, String, Bool, String?).self)
        guard columns.0 == claim.fingerprint else { return .keyReused }
        var revision = revisionRecord((columns.5, columns.6, columns.7, columns.8, columns.9, columns.10, columns.11, columns.12, columns.13))
        revision.deleted = false
        return .replayedCreation(CaseRecord(id: columns.1, patientRef: columns.2, createdAt: columns.3, updatedAt: columns.4, latest: revision))
    }

    /// Why a conditional write matched no row: the case is gone (purged,
    /// deleted or unknown), or at another revision.
    private static func refusal(id: String, _ connection: PostgresConnection, logger: Logger) async throws -> CaseWriteError {
        guard let (current, deletedAt, purgedAt) = try await connection.query("SELECT revision, deleted_at, purged_at FROM cases WHERE id = \(id)",
                                                                              logger: logger).collect().first?.decode((Int, String?, String?).self)
        else { return .notFound }
        if let purgedAt { return .purged(at: purgedAt) }
        return deletedAt == nil ? .revisionMismatch(current: current) : .notFound
    }

    /// Removes the indexed facts of the case's latest revision.
    private static func clearLatest(_ pk: Int64, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            WITH v AS (DELETE FROM case_verdicts WHERE case_pk = \(pk)) DELETE FROM case_criteria WHERE case_pk = \(pk)
            """, logger: logger)
    }

    /// A draft's indexable facts as parallel arrays (bound as `text[]`).
    private static func revisionFacts(_ draft: RevisionDraft)
        -> (criteriaSets: String, verdictSets: [String], verdicts: [String], criterionSets: [String], criteria: [String], statuses: [String]) {
        let verdicts = draft.verdicts.sorted { $0.key < $1.key }
        let list = String(decoding: (try? JSONEncoder().encode(draft.criteriaSets)) ?? Data("[]".utf8), as: UTF8.self)
        return (list, verdicts.map(\.key), verdicts.map(\.value), draft.criteria.map(\.criteriaSet), draft.criteria.map(\.criterion),
                draft.criteria.map(\.status))
    }

    private static let revisionColumns = ["number", "created_at", "input", "note", "evaluation", "criteria_sets", "engine_version", "deleted",
                                          "treatment_evidence"].map { "r.\($0)" }.joined(separator: ", ")

    private static func caseRecord(_ row: PostgresRow) throws -> CaseRecord {
        let c = try row.decode((String, String?, String, String, Int, String, String, String?, String, String, String, Bool, String?).self)
        return CaseRecord(id: c.0, patientRef: c.1, createdAt: c.2, updatedAt: c.3,
                          latest: revisionRecord((c.4, c.5, c.6, c.7, c.8, c.9, c.10, c.11, c.12)))
    }

    /// A revision from its columns, in `revisionColumns` order.
    private static func revisionRecord(_ c: (Int, String, String, String?, String, String, String, Bool, String?)) -> RevisionRecord {
        RevisionRecord(number: c.0, createdAt: c.1, input: c.2, note: c.3, evaluation: c.4,
                       criteriaSets: (try? JSONDecoder().decode([String].self, from: Data(c.5.utf8))) ?? [], engineVersion: c.6, deleted: c.7,
                       treatmentEvidence: c.8)
    }
}
