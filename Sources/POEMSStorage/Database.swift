import CSQLite

/// One SQLite connection, opened with the settings every write depends on.
///
/// Not thread-safe by itself: use it from one thread at a time, as
/// `DatabaseQueue` does.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Opens (creating if needed) the database at `path` in WAL mode with
    /// `synchronous=FULL` (a committed transaction survives power loss),
    /// foreign keys on and a busy timeout. Each setting is read back: the
    /// open fails if one did not take.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws(DatabaseError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close_v2(handle) }
            throw .cannotOpen(path: path, message: message)
        }
        self.handle = handle
        self.path = path
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(handle, 1)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
        guard try scalarText("PRAGMA journal_mode")?.lowercased() == "wal" else { throw .settingNotApplied("journal_mode=WAL") }
        guard try scalarInt("PRAGMA synchronous") == 2 else { throw .settingNotApplied("synchronous=FULL") }
        guard try scalarInt("PRAGMA foreign_keys") == 1 else { throw .settingNotApplied("foreign_keys=ON") }
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(DatabaseError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw .sqlite(code: status, message: message)
        }
    }

    /// Compiles `sql` with `arguments` bound to its `?` placeholders, in order.
    public func prepare(_ sql: String, _ arguments: [DatabaseValue] = []) throws(DatabaseError) -> Statement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw .sqlite(code: status, message: lastMessage) }
        let prepared = Statement(statement, database: self)
        try prepared.bind(arguments)
        return prepared
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` … `COMMIT`), rolling
    /// back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row, as an integer.
    public func scalarInt(_ sql: String, _ arguments: [DatabaseValue] = []) throws(DatabaseError) -> Int? {
        let statement = try prepare(sql, arguments)
        return try statement.step() ? statement.int(0) : nil
    }

    /// The first column of the first row, as text.
    public func scalarText(_ sql: String, _ arguments: [DatabaseValue] = []) throws(DatabaseError) -> String? {
        let statement = try prepare(sql, arguments)
        return try statement.step() ? statement.text(0) : nil
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}
