import Foundation

/// Inflates a gzip body with the real `gzip` tool, so that the tests do not
/// check the server's coding with the server's own code.
enum Gunzip {
    struct Failure: Error, CustomStringConvertible {
        let status: Int32
        var description: String { "gzip -dc exited with \(status)" }
    }

    static func decode(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Read while writing: a large body must not fill the output pipe.
        final class Inflated: @unchecked Sendable { var data = Data() }
        let inflated = Inflated(), done = DispatchSemaphore(value: 0)
        Thread { inflated.data = output.fileHandleForReading.readDataToEndOfFile(); done.signal() }.start()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        done.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus) }
        return Array(inflated.data)
    }
}
