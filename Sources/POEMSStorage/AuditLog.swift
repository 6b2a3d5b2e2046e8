/// The append-only audit trail. What handlers depend on; `SQLiteAuditLog`
/// is the embedded engine. Events of case writes are not appended here:
/// they commit with the write (`WriteAudit`).
///
/// The trail is a hash chain (`AuditChain`): an engine assigns each event
/// its id and `link` in the append's transaction, one append at a time in
/// id order, and refuses to replace a stored event. `events` with no
/// filter is the chain's stream, which `AuditChainVerifier` checks.
///
/// Retention (`poemsd audit archive`): the oldest events may be moved out
/// into an archive file, and the cut recorded (`AuditArchiveCut`); the
/// stream then starts after the last cut, and no other removal is possible.
public protocol AuditLog: Sendable {
    /// Appends `event` with the next group commit; `completion` runs once it
    /// is durable (or failed).
    func append(_ event: AuditEvent, completion: (@Sendable (Result<Void, any Error>) -> Void)?)
    /// Events in the order they were appended, filtered; one page, and the
    /// id to continue after when there is more. Each event carries its `link`.
    func events(_ query: AuditQuery) throws -> (events: [AuditEvent], next: Int64?)
    /// The last event of the chain (`nil` while the trail is empty), for an
    /// auditor to record elsewhere.
    func chainHead() throws -> AuditChain.Head?

    /// The cuts `archive` recorded, oldest first.
    func archiveCuts() throws -> [AuditArchiveCut]
    /// What a cut before `timestamp` (stored form) would archive now: from
    /// the first event in the table through the last one whose `at` is
    /// before `timestamp`; `nil` when there is none.
    func archiveRange(before timestamp: String) throws -> AuditArchiveRange?
    /// In one transaction: appends `event` (the `audit.archive` event) at
    /// the end of the chain, records the cut of `range` (refused, with
    /// `AuditArchiveConflict`, when the table no longer starts with it),
    /// removes the events of `range`, runs `beforeCommit` (which names the
    /// archive file; when it throws, everything is rolled back) and
    /// commits. Returns the recorded cut.
    func archive(_ range: AuditArchiveRange, event: AuditEvent, fileName: String, fileSHA256: String,
                 beforeCommit: @escaping @Sendable () throws -> Void) throws -> AuditArchiveCut
}

/// The audit trail no longer starts with the range an archive planned
/// (another archive ran meanwhile): nothing was archived.
public struct AuditArchiveConflict: Error, CustomStringConvertible {
    public init() {}

    public var description: String {
        "the audit trail changed while the archive was written (did another archive run?): nothing was archived; run the command again"
    }
}
