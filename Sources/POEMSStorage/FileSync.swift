import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// fsync(2) of files a command wrote (a backup's copy, an audit archive)
/// and of their directories, so that a new name survives a power loss.
/// Never the live database: a descriptor of it closed in the server's
/// process would drop its POSIX locks (see `SQLiteBackup`).
package enum FileSync {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Syncs the file or directory at `path`, which no SQLite connection of this process has open.
    package static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path) to sync it: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(description: "cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    /// The directory that holds `path`.
    package static func directory(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}
