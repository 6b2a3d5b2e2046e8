import POEMSStorage

#if canImport(Glibc)
import Glibc
#endif

/// A file's device and inode: which file a path names. The database file
/// deleted or replaced under a running server (a restore, a mistaken
/// clean-up) leaves its open connections on the old inode, where writes
/// still "succeed" and are lost; comparing the path's identity with the one
/// opened notices it (what SQLite's `SQLITE_FCNTL_HAS_MOVED` compares too).
struct DatabaseFileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    /// The identity of the file at `path`; `nil` when there is none.
    static func of(_ path: String) -> DatabaseFileIdentity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return DatabaseFileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Why `path` no longer names this file (`nil` while it does).
    func change(at path: String) -> String? {
        guard let current = Self.of(path) else { return "the database file was removed while the server ran" }
        return current == self ? nil : "the database file was replaced while the server ran"
    }
}
