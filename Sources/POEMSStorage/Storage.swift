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
    /// `nil` when the database answers and its schema is current; otherwise
    /// why not, without secrets.
    func unreadiness() -> String?
    /// Writes committed and transactions used so far: with group commit,
    /// several writes share a transaction (and its sync to disk).
    var writeStatistics: (writes: Int, commits: Int) { get }
    /// Calls `observer` after each commit with the number of writes it
    /// carried and how long the transaction took (for metrics; it must be
    /// quick). Replaces any earlier observer.
    func observeCommits(_ observer: @escaping @Sendable (_ writes: Int, _ duration: Duration) -> Void)
    /// Commits queued writes and stops taking new ones.
    func close()
}
