import GRDB
import POEMSStorage
import Synchronization

/// Group commit on GRDB's writer connection: writes that arrive while a
/// transaction is being committed wait, and are then committed together in
/// the next one, so that concurrent writes share one sync to disk. Each
/// write runs in its own savepoint: one that fails is rolled back alone and
/// its batch still commits.
///
/// A write reaches the writer in one hop (`asyncWriteWithoutTransaction`
/// onto GRDB's writer queue, scheduled once per busy period) and its
/// completion runs on that queue right after the commit: completions must
/// only hand their result on (no rendering).
///
/// With `maximumBatch` 1 every write gets its own transaction: the
/// one-commit-per-request baseline of the benchmarks.
///
/// Nothing is acknowledged unless the file committed to is still the one
/// at the database's path (`StorageHealth`), checked after each commit:
/// a batch committed to a file deleted or replaced meanwhile is answered
/// as failed, and once that happened no batch is attempted again. Nor is
/// a batch attempted while a database file is immutable. After a failed
/// batch, `WriteProbe` tries a write of its own in the background until
/// writes work again; when SQLite opened the files read-only, the writer
/// instead opens the database again once they are writable
/// (`reopenWhenWritable`).
final class GroupCommitWriter: Sendable {
    /// How to open the database again: whether its files are writable now
    /// (asked without opening them), and a new pool on them.
    struct Reopening: Sendable {
        let filesWritable: @Sendable () -> Bool
        let open: @Sendable () throws -> DatabasePool
    }

    /// One queued write: `perform` runs inside the batch's transaction and
    /// returns the write's own failure when the database refused it as
    /// read-only (the batch still commits, but writes do not work); `finish`
    /// runs after the transaction ends (with the commit's error, if any).
    struct Job: Sendable {
        let perform: @Sendable (Database) throws -> (any Error)?
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var pending: [Job] = []
        /// A drain is scheduled or running on the writer queue.
        var draining = false
        /// The pool is being replaced: writes queue, no drain is scheduled.
        var reopening = false
        var stopping = false
        var writes = 0
        var commits = 0
    }

    private let slot: PoolSlot
    private var pool: DatabasePool { slot.pool }
    private let reopening: Reopening?
    private let maximumBatch: Int
    let health: StorageHealth
    private let probe: WriteProbe
    private let state = Mutex(State())
    /// SQLite opened the writer connection read-only (`openedReadOnly`).
    private let readOnlyAtOpen = Atomic<Bool>(false)
    /// Told each commit's batch size and duration (metrics); set once, by the service.
    let commitObserver = Mutex<(@Sendable (_ writes: Int, _ duration: Duration) -> Void)?>(nil)

    init(slot: PoolSlot, maximumBatch: Int, health: StorageHealth, reopening: Reopening? = nil) {
        self.slot = slot
        self.reopening = reopening
        self.maximumBatch = max(1, maximumBatch)
        self.health = health
        probe = WriteProbe(health: health)
    }

    /// (writes, commits) so far: their ratio is the mean batch.
    var statistics: (writes: Int, commits: Int) { state.withLock { ($0.writes, $0.commits) } }

    /// Queues `work`. Inside the transaction, after `work`'s savepoint ends
    /// (released or rolled back), `audit` turns its result into an audit
    /// event written in the same transaction: if that write fails, the
    /// whole batch fails and nothing is acknowledged. `completion` gets the
    /// result once the transaction is durable, or the failure.
    ///
    /// `singleStatement` work runs without a savepoint: one statement is
    /// undone alone by SQLite when it fails (the audit appends of reads,
    /// which are most of the writer's jobs under polling).
    func submit<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T, singleStatement: Bool = false, audit: WriteAudit<T>? = nil,
                             completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let job = Job(
            perform: { db in
                var value: T?
                let result: Result<T, any Error>
                do {
                    if singleStatement {
                        value = try work(db)
                    } else {
                        try db.inSavepoint {
                            value = try work(db)
                            return .commit
                        }
                    }
                    result = .success(value!)
                } catch {
                    result = .failure(DatabaseError.converting(error))
                }
                // SQLite ends the whole transaction on some errors (a full
                // disk, I/O): then nothing of this batch may be acknowledged.
                guard db.isInsideTransaction else { throw result.failure ?? DatabaseError.sqlite(code: 1, message: "transaction ended") }
                if let event = audit?(result) { try SQLiteAuditLog.insert(event, db) }
                outcome.withLock { $0 = result }
                return result.failure.flatMap { DatabaseError.isReadOnly($0) ? $0 : nil }
            },
            finish: { commitError in
                if let commitError {
                    completion(.failure(DatabaseError.converting(commitError)))
                } else {
                    completion(outcome.withLock { $0 } ?? .failure(DatabaseError.closed))
                }
            })
        let accepted = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.pending.append(job)
            if !state.draining && !state.reopening {
                state.draining = true
                // Scheduled under the lock, so that `stop`'s barrier is queued after it.
                pool.asyncWriteWithoutTransaction { [self] db in drain(db) }
            }
            return true
        }
        if !accepted { completion(.failure(DatabaseError.closed)) }
    }

    /// Takes no more writes (nor probes), and returns once the queued ones are committed.
    func stop() {
        probe.stop()
        state.withLock { $0.stopping = true }
        pool.writeWithoutTransaction { _ in }
    }

    /// Commits batches until nothing is pending.
    private func drain(_ db: Database) {
        while true {
            let batch = state.withLock { state -> [Job] in
                let count = min(maximumBatch, state.pending.count)
                if count == 0 { state.draining = false }
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            if let refusal = health.refusal() {
                let error = DatabaseError.unavailable(refusal)
                failed(error)
                for job in batch { job.finish(error) }
                continue
            }
            var failure: (any Error)?
            do {
                let started = ContinuousClock.now
                var readOnly: (any Error)?
                try db.inTransaction(.immediate) {
                    for job in batch { readOnly = try job.perform(db) ?? readOnly }
                    return .commit
                }
                let duration = ContinuousClock.now - started
                // Committed, but to the file at the path? Checked before acknowledging.
                if let lost = health.lost() { throw DatabaseError.unavailable(lost) }
                // A write refused as read-only (the probe's among them) is
                // a failure of the database, though the batch committed.
                if let readOnly {
                    failed(readOnlyAtOpen.load(ordering: .relaxed) ? Self.openedReadOnlyError : readOnly)
                } else {
                    health.writeCommitted()
                }
                state.withLock {
                    $0.writes += batch.count
                    $0.commits += 1
                }
                commitObserver.withLock { $0 }?(batch.count, duration)
            } catch {
                failure = error
                failed(error)
            }
            for job in batch { job.finish(failure) }
        }
    }

    /// The writer connection was opened read-only (SQLite does so,
    /// silently, when the file's permissions do not let this process write
    /// it): no write can work on it, so readiness fails from the start
    /// rather than at the first refused write. The connection stays
    /// read-only when the files become writable, and so would a new one
    /// while any connection of the process is open (they share the
    /// read-only `-shm` mapping): `reopenWhenWritable`, every
    /// `WriteProbe.interval`, closes the whole pool and opens it again once
    /// the files are writable.
    func openedReadOnly() {
        readOnlyAtOpen.store(true, ordering: .relaxed)
        failed(Self.openedReadOnlyError)
    }

    /// Every write's failure on a connection opened read-only: what readiness says, with the remedy.
    private static let openedReadOnlyError = DatabaseError.sqlite(
        code: 8, message: "attempt to write a readonly database: the database files were not writable by this process when it opened them; "
            + "make them writable (owner and mode of the file, its -wal and -shm, and its directory): writes resume within a second, without a restart")

    /// While the pool is read-only: once the files are writable, waits for
    /// the batches scheduled on it, closes it (GRDB waits for its readers),
    /// opens a new pool and puts it in the slot, then lets the queued
    /// writes through and confirms with a probe write. A read that
    /// starts on the old pool while it closes fails (503) and can be
    /// retried. Runs on the probe's queue, never on the writer's.
    private func reopenWhenWritable() {
        guard let reopening, readOnlyAtOpen.load(ordering: .relaxed), reopening.filesWritable() else {
            failed(Self.openedReadOnlyError)
            return
        }
        let old = state.withLock { state -> DatabasePool? in
            guard !state.stopping else { return nil }
            state.reopening = true
            return pool
        }
        guard let old else { return }
        old.writeWithoutTransaction { _ in }   // the drains scheduled before have ended
        do {
            try old.close()
            let new = try reopening.open()
            slot.replace(with: new)
            if !SQLiteStorage.isReadOnly(new) { readOnlyAtOpen.store(false, ordering: .relaxed) }
        } catch {
            // Still the old pool (closed or not): the next probe tries again.
        }
        state.withLock { state in
            state.reopening = false
            if !state.pending.isEmpty && !state.draining && !state.stopping {
                state.draining = true
                pool.asyncWriteWithoutTransaction { [self] db in drain(db) }
            }
        }
        if readOnlyAtOpen.load(ordering: .relaxed) {
            failed(Self.openedReadOnlyError)
        } else {
            submit({ try $0.execute(sql: WriteProbe.statement) }, singleStatement: true) { _ in }
        }
    }

    /// A batch failed with `error`: recorded, and a probe write scheduled.
    private func failed(_ error: any Error) {
        health.writeFailed(error)
        probe.writeFailed { [weak self] in
            guard let self else { return }
            if readOnlyAtOpen.load(ordering: .relaxed) {
                reopenWhenWritable()
            } else {
                submit({ try $0.execute(sql: WriteProbe.statement) }, singleStatement: true) { _ in }
            }
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension GroupCommitWriter {
    /// Queues `work` and returns once its transaction is durable (or
    /// failed): for an async caller that must not go on before the write is
    /// on disk (a CDS Hooks token id claimed before the request is accepted).
    func perform<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit(work) { continuation.resume(with: $0) }
        }
    }
}
