import Synchronization

/// Serializes access to one `Database` connection across threads.
public final class DatabaseQueue: Sendable {
    private let connection: Mutex<Connection>

    private struct Connection: @unchecked Sendable { let database: Database }

    public init(path: String) throws(DatabaseError) {
        connection = Mutex(Connection(database: try Database(path: path)))
    }

    /// Runs `body` with exclusive use of the connection.
    public func access<T>(_ body: (Database) throws -> T) rethrows -> T {
        try connection.withLock { try body($0.database) }
    }
}
