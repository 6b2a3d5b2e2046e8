/// What a write's audit event is, given how the write ended: evaluated in
/// the write's own transaction, so that the event commits with the write or
/// not at all. `nil` records nothing.
public typealias WriteAudit<Outcome> = @Sendable (Result<Outcome, any Error>) -> AuditEvent?

/// Case records: cases, their append-only revisions, idempotency keys. What
/// handlers depend on; `SQLiteCaseStore` is the embedded engine.
///
/// Writes complete asynchronously, once durable: the case row, its
/// revision, its idempotency record and its audit event commit in one
/// transaction. Refusals (`CaseWriteError`) and storage failures
/// (`DatabaseError`) arrive as the completion's failure. Reads never wait
/// for writes.
public protocol CaseStore: Sendable {
    /// Creates `record` (at revision 1, with the id and timestamps it
    /// carries). With an idempotency claim, a key seen before replays its
    /// creation (same request) or is refused (another request); otherwise
    /// the key is recorded with the case.
    func create(_ record: CaseRecord, draft: RevisionDraft, idempotency: IdempotencyClaim?, audit: @escaping WriteAudit<CreateOutcome>,
                completion: @escaping @Sendable (Result<CreateOutcome, any Error>) -> Void)

    /// Appends `record.latest` to the live case `record.id` if the case is
    /// at `record.revision - 1`.
    func update(_ record: CaseRecord, draft: RevisionDraft, audit: @escaping WriteAudit<CaseRecord>,
                completion: @escaping @Sendable (Result<CaseRecord, any Error>) -> Void)

    /// Deletes a live case, if it is at `expectedRevision` (`nil`: any): it
    /// disappears from reads; its revisions are kept, marked deleted.
    func delete(id: String, expectedRevision: Int?, audit: @escaping WriteAudit<Void>,
                completion: @escaping @Sendable (Result<Void, any Error>) -> Void)

    /// Purges the case `id`, live or deleted (`PurgeOutcome` says what goes
    /// and what stays): one transaction with its `purged` change and audit
    /// event. An unknown id is `CaseWriteError.notFound`; a case purged
    /// before is `.alreadyPurged`, and nothing is written. SQLite overwrites
    /// what the purge frees with zeros (`secure_delete`).
    func purge(id: String, audit: @escaping WriteAudit<PurgeOutcome>,
               completion: @escaping @Sendable (Result<PurgeOutcome, any Error>) -> Void)

    /// What a create with `claim` would replay, read without the writer:
    /// `nil` when the key is new.
    func replay(_ claim: IdempotencyClaim) throws -> CreateOutcome?

    /// The live case `id` with its latest revision.
    func fetch(id: String) throws -> CaseRecord?
    /// When the case `id` was purged; `nil` for a case never purged or unknown.
    func purgedAt(id: String) throws -> String?
    /// The latest revision number of the live case `id`.
    func currentRevision(id: String) throws -> Int?
    /// Every revision of the live case `id`, oldest first.
    func revisions(id: String) throws -> [RevisionRecord]?
    /// Live cases in creation order, filtered, one page.
    func list(_ query: CaseListQuery) throws -> CasePage
    /// Moves with every write: a listing whose counter has not moved has not changed.
    func changeSequence() throws -> Int64
    /// Counts over the latest revisions of live cases, filtered; read in
    /// one transaction with the feed position they are as of.
    func statistics(_ query: CaseStatisticsQuery) throws -> CaseStatistics
    /// The change feed: up to `limit` changes with `seq` above `after`, in
    /// commit order. A change is visible exactly when its write is.
    func changes(after: Int64, limit: Int) throws -> [CaseChange]
    /// Published after every committed case write, with its feed `seq`.
    var commits: CommitSignal { get }
}
