import Dispatch
import Foundation
import Logging
import Testing

/// Issue 23: a write's answer is rendered off the storage engine's writer.
/// The group-commit writer (GRDB's writer queue on SQLite, an event loop of
/// postgres-nio on PostgreSQL) acknowledges a write; the way out of the
/// chain after it (the access log, metrics, gzip of a ~33 kB case) must run
/// on a worker, not on the writer ahead of its next batch.
/// libdispatch's `dispatch_queue_get_label` (the label of the current queue
/// for `NULL`), which the Linux Dispatch module does not export to Swift.
@_silgen_name("dispatch_queue_get_label")
private func dispatchQueueLabel(_ queue: UnsafeRawPointer?) -> UnsafePointer<CChar>?

@Suite struct WriteCompletionThreadTests {
    /// A real log handler that notes, for each access-log line, the thread
    /// and the dispatch queue it was written on.
    final class ThreadCapture: LogHandler, @unchecked Sendable {
        struct Line { let method: String; let route: String; let queue: String; let thread: String }
        private let lock = NSLock()
        private var stored: [Line] = []
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.message.description == "request", let metadata = event.metadata else { return }
            let line = Line(method: metadata["method"]?.description ?? "", route: metadata["route"]?.description ?? "",
                            queue: dispatchQueueLabel(nil).map { String(cString: $0) } ?? "", thread: Thread.current.name ?? "")
            lock.lock(); stored.append(line); lock.unlock()
        }

        var lines: [Line] { lock.lock(); defer { lock.unlock() }; return stored }
    }

    @Test func aCaseWriteIsLoggedAndCompressedOffTheWriter() throws {
        let capture = ThreadCapture()
        var logger = Logger(label: "poemsd-test") { _ in capture }
        logger.logLevel = .info
        let service = try TestService(logger: logger)
        defer { service.stop() }
        let gzip = [("Accept-Encoding", "gzip")]
        let created = try CaseAPITests.create(service.port, headers: gzip)
        #expect(created.status == 201 && created.header("Content-Encoding") == "gzip", "a case's answer is large enough to compress")
        let path = try #require(created.header("Location"))
        let read = try fetch(service.port, "GET", path)
        let etag = try #require(read.header("ETag"))
        let updated = try fetch(service.port, "PUT", path, json: #"{"findings": {"polyneuropathy": true}}"#,
                                headers: gzip + [("If-Match", etag)])
        #expect(updated.status == 200 && updated.header("Content-Encoding") == "gzip")

        // Each answer's line is logged before it is sent.
        let writes = capture.lines.filter { $0.method == "POST" || $0.method == "PUT" }
        #expect(writes.count == 2, "\(capture.lines.map { "\($0.method) \($0.route)" })")
        for line in writes {
            // GRDB names its writer queue "<label>.writer" (the pool's label is "poemsd").
            #expect(!line.queue.hasSuffix(".writer"), "\(line.method) \(line.route) was logged on the writer queue \(line.queue)")
            // postgres-nio completes on an event loop thread (NIO-ELT-…, NIO-SGLTN-…).
            #expect(!line.thread.hasPrefix("NIO-"), "\(line.method) \(line.route) was logged on the event loop \(line.thread)")
        }
    }
}
