/// The append-only audit trail. What handlers depend on; `SQLiteAuditLog`
/// is the embedded engine. Events of case writes are not appended here:
/// they commit with the write (`WriteAudit`).
public protocol AuditLog: Sendable {
    /// Appends `event` with the next group commit; `completion` runs once it
    /// is durable (or failed).
    func append(_ event: AuditEvent, completion: (@Sendable (Result<Void, any Error>) -> Void)?)
    /// Events in the order they were appended, filtered; one page, and the
    /// id to continue after when there is more.
    func events(_ query: AuditQuery) throws -> (events: [AuditEvent], next: Int64?)
}
