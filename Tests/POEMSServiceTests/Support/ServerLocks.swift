import Foundation

/// The POSIX advisory locks a process holds on a file, as the kernel lists
/// them in `/proc/locks`: what SQLite's coordination between processes rests
/// on. A process that closes any descriptor of a file loses every POSIX lock
/// it holds on it, which this shows (SQLite, "How To Corrupt An SQLite
/// Database File", 2.2).
enum ServerLocks {
    /// The number of POSIX locks `pid` holds on the file at `path` (matched
    /// by inode), or 0 when there is no such file.
    static func count(pid: Int32, path: String) -> Int {
        var status = stat()
        guard stat(path, &status) == 0, let table = locksTable() else { return 0 }
        let inode = String(status.st_ino)
        // "1: POSIX  ADVISORY  READ 1234 fe:01:5678 128 128"; a blocked
        // request has "->" after the number and is not a lock held.
        return table.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "POSIX" else { return false }
            return fields[4] == String(pid) && fields[5].split(separator: ":").last.map(String.init) == inode
        }.count
    }

    /// The whole of `/proc/locks`, read to its end: the file reports a size
    /// of 0, and a read by size stops after the first page, which in a whole
    /// test run (a PostgreSQL cluster and many servers, each with its locks)
    /// did not reach the server's lines.
    static func locksTable() -> String? {
        guard let handle = FileHandle(forReadingAtPath: "/proc/locks") else { return nil }
        defer { try? handle.close() }
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Whether `pid` holds at least one lock on the database file and on its
    /// `-shm` (a WAL connection holds a shared lock on each while open).
    static func held(pid: Int32, database: String) -> Bool {
        count(pid: pid, path: database) > 0 && count(pid: pid, path: database + "-shm") > 0
    }
}
