import Dispatch
import Foundation
import Logging
import PostgresNIO
import POEMSStorage
import Synchronization

/// The write path of one instance: writes queue here and are committed in
/// batches, one transaction each, on one pooled connection at a time
/// (group commit, as `GroupCommitWriter` does for SQLite).
///
/// A batch runs each write's statements, then appends the batch's change
/// feed rows and audit events: their numbers are taken from the one-row
/// counters (`change_counter`, `audit_counter`) by an UPDATE whose row lock
/// is held until COMMIT. So feed rows and audit events commit in number
/// order across every instance on the database, and a reader that sees
/// `seq` n has seen every change before it. A `NOTIFY poemsd_changes`
/// in the same transaction tells the other instances' long polls.
///
/// A write's statements never fail for a refusal (a reused key is an
/// `INSERT … ON CONFLICT DO NOTHING`, `If-Match` a conditional UPDATE); a
/// statement that fails aborts the batch, which is then committed write by
/// write so that the others still commit. Transient failures (connection
/// lost, failover, serialization failure) are retried while the batch has
/// certainly not committed; a COMMIT whose answer was lost, or that was
/// sent on a connection which then stopped answering within
/// `PostgresDatabase.workTimeout`, is reported as of unknown outcome,
/// never as done (a stall before the COMMIT is unavailable: nothing saved). When retries run out (the database is
/// away), the writes queued meanwhile fail at once too, instead of each
/// waiting out its own retries.
final class PostgresWriter: Sendable {
    /// One queued write: `perform` runs its statements in the batch's
    /// transaction (it may run again, in a retry) and returns what the
    /// batch appends for it; `finish` gets its feed `seq` once committed,
    /// or the failure.
    struct Job: Sendable {
        let perform: @Sendable (PostgresConnection) async throws -> Effects
        let finish: @Sendable (Result<Int64?, any Error>) -> Void
    }

    /// What a write appends: a change-feed row and an audit event.
    struct Effects: Sendable {
        var change: PendingChange?
        var audit: AuditEvent?
    }

    /// A change-feed row before its `seq` is known.
    struct PendingChange: Sendable {
        var caseID: String
        var kind: CaseChange.Kind
        var revision: Int
        var at: String
    }

    private struct State {
        var pending: [Job] = []
        var draining = false
        var stopping = false
        var writes = 0
        var commits = 0
        var idle: [DispatchSemaphore] = []
    }

    private let database: PostgresDatabase
    private let maximumBatch: Int
    private let state = Mutex(State())
    /// Told each commit's batch size and duration (metrics).
    let commitObserver = Mutex<(@Sendable (_ writes: Int, _ duration: Duration) -> Void)?>(nil)

    init(database: PostgresDatabase, maximumBatch: Int) {
        self.database = database
        self.maximumBatch = max(1, maximumBatch)
    }

    var statistics: (writes: Int, commits: Int) { state.withLock { ($0.writes, $0.commits) } }

    /// Queues `work`; `audit` turns its outcome into the event committed
    /// with it; `completion` gets the outcome and the feed `seq` once durable.
    ///
    /// `work` returns its outcome and the change it makes. A refusal it
    /// throws (`CaseWriteError`) must come before it has written anything:
    /// the refusal is the outcome, and the batch goes on.
    func submit<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> (T, PendingChange?),
                             audit: WriteAudit<T>? = nil,
                             completion: @escaping @Sendable (Result<(T, Int64?), any Error>) -> Void) {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let job = Job(
            perform: { connection in
                let result: Result<T, any Error>
                var change: PendingChange?
                do {
                    let (value, made) = try await work(connection)
                    result = .success(value)
                    change = made
                } catch let refusal as CaseWriteError {
                    result = .failure(refusal)
                }
                outcome.withLock { $0 = result }
                return Effects(change: change, audit: audit?(result))
            },
            finish: { committed in
                switch committed {
                case .failure(let error):
                    completion(.failure(PostgresFailure.converting(error)))
                case .success(let seq):
                    completion((outcome.withLock { $0 } ?? .failure(DatabaseError.closed)).map { ($0, seq) })
                }
            })
        let accepted = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.pending.append(job)
            if !state.draining {
                state.draining = true
                database.blocking.start { [self] in await drain() }
            }
            return true
        }
        if !accepted { completion(.failure(DatabaseError.closed)) }
    }

    /// Queues `work` and returns once committed (or failed).
    func perform<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit({ connection in (try await work(connection), nil) }) { continuation.resume(with: $0.map(\.0)) }
        }
    }

    /// Takes no more writes, and returns once the queued ones are committed (or failed).
    func stop() {
        let idle = DispatchSemaphore(value: 0)
        let wait = state.withLock { state -> Bool in
            state.stopping = true
            guard state.draining else { return false }
            state.idle.append(idle)
            return true
        }
        if wait { idle.wait() }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Job] in
                let count = min(maximumBatch, state.pending.count)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                if count == 0 {
                    state.draining = false
                    state.idle.forEach { $0.signal() }
                    state.idle.removeAll()
                }
                return batch
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    /// Commits `batch` in one transaction, retried while transient; when a
    /// statement fails for good, each write alone.
    private func commit(_ batch: [Job]) async {
        let started = ContinuousClock.now
        do {
            let seqs = try await database.retrying {
                let commitSent = Atomic<Bool>(false)
                do {
                    return try await database.withConnection(deadline: PostgresDatabase.workTimeout) { [database] connection in
                        try await PostgresDatabase.transaction(connection, logger: database.logger,
                                                               committing: { commitSent.store(true, ordering: .releasing) }) { connection in
                            var effects: [Effects] = []
                            for job in batch { effects.append(try await job.perform(connection)) }
                            let seqs = try await Self.appendChanges(effects.map(\.change), connection, logger: database.logger)
                            try await Self.appendAudits(effects.compactMap(\.audit), connection, logger: database.logger)
                            return seqs
                        }
                    }
                } catch let stalled as ConnectionStalled {
                    // After its COMMIT was sent it may have committed: neither retried nor acknowledged. Before,
                    // it certainly did not (the connection is closed, the server rolls the transaction back).
                    if commitSent.load(ordering: .acquiring) { throw CommitOutcomeUnknown(underlying: stalled) }
                    throw DatabaseError.unavailable(stalled.description + " before the write's COMMIT")
                }
            }
            let duration = ContinuousClock.now - started
            state.withLock {
                $0.writes += batch.count
                $0.commits += 1
            }
            commitObserver.withLock { $0 }?(batch.count, duration)
            for (job, seq) in zip(batch, seqs) { job.finish(.success(seq)) }
        } catch where batch.count > 1 && !(error is CommitOutcomeUnknown) && !PostgresFailure.isTransient(error) {
            for job in batch { await commit([job]) }
        } catch {
            database.events.warning("a database write failed", metadata: ["error": "\(PostgresFailure.converting(error))"])
            for job in batch { job.finish(.failure(error)) }
            if PostgresFailure.isTransient(error) {
                // The database is away: what queued meanwhile would wait just as long for the same answer.
                let queued = state.withLock { state -> [Job] in
                    defer { state.pending.removeAll() }
                    return state.pending
                }
                for job in queued { job.finish(.failure(error)) }
            }
        }
    }

    /// Appends the batch's feed rows, numbered from `change_counter` under
    /// its row lock, and notifies the other instances. Returns each job's `seq`.
    private static func appendChanges(_ changes: [PendingChange?], _ connection: PostgresConnection, logger: Logger) async throws -> [Int64?] {
        let rows = changes.compactMap { $0 }
        guard !rows.isEmpty else { return changes.map { _ in nil } }
        let json = JSONRows.encode(rows.enumerated().map { index, change in
            ["n": .int(index + 1), "case_id": .text(change.caseID), "kind": .text(change.kind.rawValue),
             "revision": .int(change.revision), "at": .text(change.at)]
        })
        let count = Int64(rows.count)
        let last = try await connection.query("""
            WITH counter AS (UPDATE change_counter SET value = value + \(count) WHERE id = 1 RETURNING value),
            appended AS (
                INSERT INTO case_changes (seq, case_id, kind, revision, at)
                SELECT counter.value - \(count) + t.n, t.case_id, t.kind, t.revision, t.at
                FROM counter, jsonb_to_recordset(\(json)::jsonb) AS t(n bigint, case_id text, kind text, revision integer, at text)
            )
            SELECT value, pg_notify('poemsd_changes', value::text) FROM counter
            """, logger: logger).collect().first?.decode(Int64.self) ?? 0
        var next = last - count
        return changes.map { change in
            guard change != nil else { return nil }
            next += 1
            return next
        }
    }

    /// Appends audit events at the end of the hash chain: ids and the
    /// previous hash from `audit_counter` under its row lock, each event's
    /// hash computed here (`AuditChain`), the new head written back.
    /// Returns the id of the last event appended (0 when there is none).
    @discardableResult
    static func appendAudits(_ events: [AuditEvent], _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        guard !events.isEmpty else { return 0 }
        let count = Int64(events.count)
        guard let (last, head) = try await connection.query("""
            UPDATE audit_counter SET value = value + \(count) WHERE id = 1 RETURNING value, hash
            """, logger: logger).collect().first?.decode((Int64, String).self) else {
            throw DatabaseError.migration("audit_counter has no row")
        }
        var previous = head
        var rows: [[String: JSONRows.Value]] = []
        for (index, original) in events.enumerated() {
            var event = original
            event.id = last - count + Int64(index) + 1
            let hash = AuditChain.hash(event, previous: previous)
            rows.append(["id": .int(Int(event.id)), "at": .text(event.at), "key_name": .optional(event.keyName), "action": .text(event.action),
                         "method": .text(event.method), "route": .text(event.route), "case_id": .optional(event.caseID),
                         "status": .int(event.status), "request_id": .text(event.requestID), "client_address": .optional(event.clientAddress),
                         "prev_hash": .text(previous), "hash": .text(hash)])
            previous = hash
        }
        try await connection.query("""
            WITH appended AS (
                INSERT INTO audit_events (id, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash)
                SELECT t.id, t.at, t.key_name, t.action, t.method, t.route, t.case_id, t.status, t.request_id, t.client_address, t.prev_hash, t.hash
                FROM jsonb_to_recordset(\(JSONRows.encode(rows))::jsonb)
                    AS t(id bigint, at text, key_name text, action text, method text, route text, case_id text, status integer, request_id text,
                         client_address text, prev_hash text, hash text)
            )
            UPDATE audit_counter SET hash = \(previous) WHERE id = 1
            """, logger: logger)
        return last
    }
}
