import GRDB
import POEMSStorage
import Synchronization

/// The `DatabasePool` the SQLite stores and the writer use. One pool for
/// the process's life, with one exception: a pool SQLite opened read-only
/// (the files were not writable by this process when it started) is
/// closed and replaced by a new one once they are
/// (`GroupCommitWriter.reopenWhenWritable`), so that writes resume without
/// a restart. Every use asks the slot for the pool at that moment.
final class PoolSlot: Sendable {
    private let current: Mutex<DatabasePool>

    init(_ pool: DatabasePool) { current = Mutex(pool) }

    /// The pool in use now.
    var pool: DatabasePool { current.withLock { $0 } }

    /// Puts `pool` in place of the current one.
    func replace(with pool: DatabasePool) { current.withLock { $0 = pool } }
}
