import GRDB

/// An error of the storage layer, in terms a handler can answer with
/// (whatever the engine). Engine errors are converted by `init(_:)`.
///
/// Inside this module the name shadows GRDB's `DatabaseError`, which is
/// written `GRDB.DatabaseError`.
public enum DatabaseError: Error, CustomStringConvertible, Sendable {
    /// The engine failed with `code` (SQLite's result code); `message` is
    /// its explanation, never bound values.
    case sqlite(code: Int32, message: String)
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
    /// A PostgreSQL server refused a statement: its SQLSTATE and, for a
    /// constraint violation, the constraint's name. Never the server's
    /// message or detail: they can quote the values refused (`Key
    /// (name)=(…)`, `invalid input syntax for type …: "…"`), which may be
    /// patient data, and this description reaches logs.
    case postgres(sqlState: String, constraint: String?)

    public var description: String {
        switch self {
        case .sqlite(let code, let message): "SQLite error \(code): \(message)"
        case .diskFull: "the database disk is full"
        case .settingNotApplied(let setting): "database setting not applied: \(setting)"
        case .migration(let message): message
        case .closed: "the database is closed"
        case .unavailable(let reason): "the database is unavailable: \(reason)"
        case .outcomeUnknown(let reason): "the write's outcome is unknown: \(reason)"
        case .postgres(let state, let constraint): "PostgreSQL error \(state)" + (constraint.map { " (constraint \($0))" } ?? "")
        }
    }

    /// `error` as the storage layer reports it: GRDB's errors become
    /// `.diskFull` or `.sqlite`; other errors (domain refusals such as
    /// `CaseWriteError`) are returned unchanged.
    static func converting(_ error: any Error) -> any Error {
        guard let error = error as? GRDB.DatabaseError else { return error }
        if error.resultCode == .SQLITE_FULL { return DatabaseError.diskFull }
        return DatabaseError.sqlite(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error.resultCode)")
    }

    /// Whether `error` is SQLite's SQLITE_READONLY (8), with any extended
    /// code: the connection or its file cannot be written.
    static func isReadOnly(_ error: any Error) -> Bool {
        if case DatabaseError.sqlite(let code, _) = error { return code & 0xFF == 8 }
        return false
    }

    /// Runs `body`, converting the engine's errors.
    static func converted<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw converting(error) }
    }
}
