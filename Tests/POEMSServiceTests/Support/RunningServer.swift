import Foundation

/// A `poemsd serve` child process started by `ServerProcess`, with its
/// port and its log. The log is collected by the one reader of the
/// server's standard error (a second reader replacing it could take the
/// line a test waits for).
final class RunningServer: Sendable {
    let process: Process
    let port: Int
    let log: LockedList

    init(_ binary: String, database: String, ignoringSIGXFSZ: Bool = false, user: UInt32? = nil) throws {
        let log = LockedList()
        (process, port) = try ServerProcess.start(binary, database: database, ignoringSIGXFSZ: ignoringSIGXFSZ, user: user, log: log)
        self.log = log
    }

    /// SIGTERM unless it has exited already; returns once it has.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
