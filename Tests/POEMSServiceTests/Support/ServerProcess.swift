import Foundation

/// The real `poemsd serve` in a child process.
enum ServerProcess {
    /// Starts `poemsd serve` on a free port with `database` and returns the
    /// process with its port, read from its "listening" log line.
    /// `ignoringSIGXFSZ` starts it through `/bin/sh` with SIGXFSZ ignored, so
    /// that a file-size limit makes writes fail (EFBIG) instead of killing it.
    /// With `log`, its standard error is collected there, chunk by chunk.
    /// With `user`, it runs as that user id (and group id) through `setpriv`
    /// (the tests run as root, whom file permissions do not stop).
    static func start(_ binary: String, database: String, ignoringSIGXFSZ: Bool = false, user: UInt32? = nil,
                      log collected: LockedList? = nil) throws -> (Process, Int) {
        let process = Process()
        let arguments = ["serve", "--port", "0", "--database", database,
                         "--log-level", "info", "--rate-limit", "0"]
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary] + arguments
        } else if ignoringSIGXFSZ {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", #"trap '' XFSZ; exec "$0" "$@""#, binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"port=(\d+)"#, options: .regularExpression) {
                let port = Int(log[range].dropFirst(5))!
                // Keep draining the log so the server never blocks on a full pipe.
                collected?.append(log)
                errors.fileHandleForReading.readabilityHandler = { handle in
                    let chunk = handle.availableData
                    collected?.append(String(decoding: chunk, as: UTF8.self))
                }
                return (process, port)
            }
        }
        process.terminate()
        throw TestClientError.malformed("poemsd did not report its port: \(log)")
    }
}
