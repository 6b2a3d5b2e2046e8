/// The append-only audit trail. What handlers depend on; `SQLiteAuditLog`
/// is the embedded engine. Events of case writes are not appended here:
/// they commit with the write (`WriteAudit`).
///
/// The trail is a hash chain (`AuditChain`): an engine assigns each event
/// its id and `link` in the append's transaction, one append at a time in
/// id order, and refuses to replace a stored event. `events` with no
/// filter is the chain's stream, which `AuditChainVerifier` checks.
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
}
