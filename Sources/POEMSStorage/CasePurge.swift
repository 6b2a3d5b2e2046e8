import Dispatch
import Synchronization

/// How a purge (`CaseStore.purge`) ended.
///
/// A purge removes a case's clinical content for good: every revision
/// (input, note, evaluation), the list digest, the patient reference, the
/// verdict and criterion rows, and the idempotency records of its creation.
/// The case row stays as a tombstone (id, creation time, last revision
/// number, when it was purged): reads of the id answer that it was purged,
/// and the id is never reused. The change feed gets a `purged` change, and
/// the caller's audit event commits in the same transaction.
public enum PurgeOutcome: Sendable, Equatable {
    /// The content was removed now: `revisions` revisions, at `at`.
    case purged(revisions: Int, at: String)
    /// The case was purged before, at `at`: nothing was written.
    case alreadyPurged(at: String)
}

extension CaseStore {
    /// Purges the case `id` and returns once the purge is durable; throws
    /// `CaseWriteError.notFound` for an unknown id, or the storage failure.
    public func purgeAndWait(id: String, audit: @escaping WriteAudit<PurgeOutcome>) throws -> PurgeOutcome {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<PurgeOutcome, any Error>>(.failure(DatabaseError.closed))
        purge(id: id, audit: audit) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0 }.get()
    }
}
