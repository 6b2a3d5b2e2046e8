/// An error of the storage layer, in terms a handler can answer with
/// (whatever the engine). Engine errors are converted by `init(_:)`.
public enum DatabaseError: Error, CustomStringConvertible, Sendable {
    /// The engine (`engine`: "SQLite", "PostgreSQL") refused or failed a
    /// statement with its own `code` (SQLite's extended result code,
    /// PostgreSQL's SQLSTATE) and, for a constraint violation, the
    /// constraint's name; `explanation` is the engine's generic text for
    /// the code, given only where it cannot quote values (SQLite's; never
    /// PostgreSQL's message or detail, which can quote the values refused,
    /// `Key (name)=(…)`, and this description reaches logs).
    case engine(_ engine: String, code: String, constraint: String? = nil, explanation: String? = nil)
    /// The disk (or the file-size limit) is full: nothing was written.
    case diskFull
    /// A setting the service depends on did not take (for example `synchronous=FULL`).
    case settingNotApplied(String)
    case migration(String)
    /// The store is shutting down and takes no more writes.
    case closed
    /// The database cannot be used now, and why (no secrets, no patient
    /// data): its file was removed or replaced while open; a database
    /// server cannot be reached, lost the connection or is failing over.
    /// Nothing was written. Retry later.
    case unavailable(String)
    /// A write's connection failed or stopped answering after its
    /// transaction began (a `COMMIT` whose answer was lost): it may or may
    /// not have committed, and it was not acknowledged. Retrying with the
    /// same Idempotency-Key is safe either way.
    case outcomeUnknown(String)

    public var description: String {
        switch self {
        case .engine(let engine, let code, let constraint, let explanation):
            "\(engine) error \(code)" + (constraint.map { " (constraint \($0))" } ?? "") + (explanation.map { ": \($0)" } ?? "")
        case .diskFull: "the database disk is full"
        case .settingNotApplied(let setting): "database setting not applied: \(setting)"
        case .migration(let message): message
        case .closed: "the database is closed"
        case .unavailable(let reason): "the database is unavailable: \(reason)"
        case .outcomeUnknown(let reason): "the write's outcome is unknown: \(reason)"
        }
    }
}
