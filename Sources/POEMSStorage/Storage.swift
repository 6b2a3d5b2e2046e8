/// A storage engine: the case store, the keys, the audit trail, the
/// imported terminology and the CDS Hooks state on one database, with its
/// readiness. `SQLiteStorage` is the embedded engine; a second engine
/// implements this and the five stores, and handlers do not change.
public protocol Storage: Sendable {
    var cases: any CaseStore { get }
    var keys: any KeyStore { get }
    var audit: any AuditLog { get }
    var terminology: any TerminologyStore { get }
    var cds: any CDSStore { get }
    /// `nil` when the database answers, takes writes and its schema is
    /// current; otherwise why not, without secrets.
    func unreadiness() -> String?
    /// Writes committed and transactions used so far: with group commit,
    /// several writes share a transaction (and its sync to disk).
    var writeStatistics: (writes: Int, commits: Int) { get }
    /// Calls `observer` after each commit with the number of writes it
    /// carried and how long the transaction took (for metrics; it must be
    /// quick). Replaces any earlier observer.
    func observeCommits(_ observer: @escaping @Sendable (_ writes: Int, _ duration: Duration) -> Void)
    /// Calls `observer` when a write fails for a storage reason (a full
    /// disk, a read-only file, the file removed or replaced), with the
    /// engine's result code and no data, for the log. Replaces any earlier
    /// observer.
    func observeFailures(_ observer: @escaping @Sendable (StorageFailure) -> Void)
    /// After a purge committed: does what the engine can so that the purged
    /// content cannot be read back from the database's files, and says,
    /// for the operator, what was done and what remains.
    func erasePurgedContent() throws -> String
    /// Commits queued writes and stops taking new ones.
    func close()
}

extension Storage {
    /// An engine that reports no failures.
    public func observeFailures(_ observer: @escaping @Sendable (StorageFailure) -> Void) {}
}
