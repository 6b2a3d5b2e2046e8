import Foundation
import Logging
import POEMSAPI

/// The real service, started on a free loopback port with a fresh SQLite
/// file in a temporary directory; stopped and removed by `stop()`.
final class TestService: Sendable {
    let service: Service
    let directory: URL
    var port: Int { service.port }
    var databasePath: String { service.configuration.databasePath }

    init(configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ServiceConfiguration()
        configuration.http.host = "127.0.0.1"
        configuration.http.port = 0
        configuration.http.threads = 2
        configuration.databasePath = directory.appendingPathComponent("poems.sqlite").path
        configuration.migrationsDirectory = TestService.migrationsDirectory
        configure(&configuration)
        var logger = Logger(label: "poemsd-test")
        logger.logLevel = .warning
        service = try Service(configuration: configuration, logger: logger)
        try service.start()
    }

    func stop() {
        service.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The repository's `Migrations/`, found from this file's path.
    static let migrationsDirectory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Migrations").path
    }()

    /// `Tests/Fixtures`, found from this file's path.
    static let fixturesDirectory: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
    }()
}

/// Runs `body` against a freshly started service, and stops it afterwards.
func withService<T>(configure: (inout ServiceConfiguration) -> Void = { _ in }, _ body: (TestService) throws -> T) throws -> T {
    let service = try TestService(configure: configure)
    defer { service.stop() }
    return try body(service)
}
