import Synchronization

/// Connections for reading, one per concurrent reader, reused. In WAL mode
/// readers never wait for the writer and always see committed data.
final class ReaderPool: Sendable {
    private struct Idle: @unchecked Sendable { var connections: [Database] = [] }
    private let idle = Mutex(Idle())
    private let path: String

    init(path: String) { self.path = path }

    /// Runs `body` with a connection of its own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.connections.popLast() } ?? Database(path: path)
        defer { idle.withLock { $0.connections.append(connection) } }
        return try body(connection)
    }
}
