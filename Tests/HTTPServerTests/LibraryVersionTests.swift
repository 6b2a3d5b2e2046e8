import HTTPServer
import Logging
import Synchronization
import Testing

/// The transport refuses a libmicrohttpd release its workarounds were not
/// tested on, unless told to accept it, and then says so in the log.
@Suite struct LibraryVersionTests {
    /// Log messages at warning and above, kept for the test to read.
    final class Recorded: Sendable {
        let messages = Mutex<[String]>([])
    }

    struct RecordingHandler: LogHandler {
        let recorded: Recorded
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .warning
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let text = "\(message) " + (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            recorded.messages.withLock { $0.append(text) }
        }
    }

    static func configuration(tested: Set<String>, allowUntested: Bool) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 1
        configuration.testedLibraryReleases = tested
        configuration.allowUntestedLibrary = allowUntested
        return configuration
    }

    /// The release this machine links is one the workarounds were tested
    /// on: a Debian update to another release fails here first.
    @Test func theLinkedReleaseIsATestedOne() {
        #expect(LibraryVersion.running.isTested, "\(LibraryVersion.running) is not in \(LibraryVersion.tested.sorted())")
    }

    @Test func anUntestedReleaseIsRefused() throws {
        let recorded = Recorded()
        let server = HTTPServer(configuration: Self.configuration(tested: ["0.0.1"], allowUntested: false), router: Router(),
                                logger: Logger(label: "test") { _ in RecordingHandler(recorded: recorded) })
        #expect {
            try server.start()
        } throws: { error in
            guard case .untestedLibrary(let running, let tested) = error as? HTTPServerError else { return false }
            return running == LibraryVersion.running.release && tested == ["0.0.1"]
                && "\(error)".contains("--allow-untested-libmicrohttpd")
        }
    }

    @Test func anUntestedReleaseStartsWithAWarningWhenAllowed() throws {
        let recorded = Recorded()
        var router = Router()
        router.get("/ok") { _, _ in HTTPResponse(status: 200, body: Array("ok".utf8)) }
        let server = HTTPServer(configuration: Self.configuration(tested: ["0.0.1"], allowUntested: true), router: router,
                                logger: Logger(label: "test") { _ in RecordingHandler(recorded: recorded) })
        try server.start()
        defer { server.shutdown() }
        let connection = try RawConnection(port: server.port)
        try connection.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try connection.readAll().hasSuffix("ok"))
        let warnings = recorded.messages.withLock { $0 }
        #expect(warnings.contains { $0.contains("untested libmicrohttpd") && $0.contains("running=\(LibraryVersion.running.release)") }, "\(warnings)")
    }
}
