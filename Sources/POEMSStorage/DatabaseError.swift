/// An error from SQLite or from the migration runner.
public enum DatabaseError: Error, CustomStringConvertible, Sendable {
    /// SQLite returned `code`; `message` is its explanation (no bound values).
    case sqlite(code: Int32, message: String)
    case cannotOpen(path: String, message: String)
    /// A setting the service depends on did not take (for example WAL or `synchronous=FULL`).
    case settingNotApplied(String)
    case migration(String)
    /// The store is shutting down and takes no more writes.
    case closed

    public var description: String {
        switch self {
        case .sqlite(let code, let message): "SQLite error \(code): \(message)"
        case .cannotOpen(let path, let message): "cannot open database \(path): \(message)"
        case .settingNotApplied(let setting): "database setting not applied: \(setting)"
        case .migration(let message): message
        case .closed: "the database is closed"
        }
    }
}
