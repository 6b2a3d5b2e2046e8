import Foundation
import Logging
import POEMSAPI
import POEMSSQLite
import POEMSStorage
import POEMSStorageEngines

/// The real service, started on a free loopback port with a fresh
/// database of the engine under test (`TestDatabase`: a SQLite file in a
/// temporary directory, or a new PostgreSQL database); stopped and removed
/// by `stop()`.
final class TestService: Sendable {
    let service: Service
    let database: TestDatabase
    var directory: URL { database.directory }
    var port: Int { service.port }
    /// The database's location: a SQLite file's path or a PostgreSQL URL.
    var databasePath: String { service.configuration.databasePath }

    init(logger: Logger? = nil, configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        database = try TestDatabase()
        var configuration = ServiceConfiguration()
        configuration.http.host = "127.0.0.1"
        configuration.http.port = 0
        configuration.http.threads = 2
        configuration.databasePath = database.location
        // Rate limiting has its own test; elsewhere it would only throttle the suite.
        configuration.requestsPerMinutePerKey = 0
        configure(&configuration)
        var quiet = Logger(label: "poemsd-test")
        quiet.logLevel = .warning
        do { service = try Service(configuration: configuration, logger: logger ?? quiet, openStorage: StorageEngine.open) } catch {
            database.remove()
            throw error
        }
        adminToken = try service.start()
        if let adminToken { TestCredentials.shared.set(adminToken, for: service.port) }
    }

    /// The admin token created on first start: requests through `fetch` and
    /// `TestConnection` send it unless they carry their own Authorization.
    let adminToken: String?

    func stop() {
        TestCredentials.shared.set(nil, for: port)
        service.stop()
        database.remove()
    }

    /// The repository's `Migrations/`, found from this file's path.
    static let migrationsDirectory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Migrations").path
    }()

    /// The storage of the database at `location` (a SQLite path or a
    /// PostgreSQL URL), migrated: another connection, as `poemsd keys` in
    /// another process would open.
    static func storage(_ location: String) throws -> any Storage {
        try StorageEngine.open(location, migrationsDirectory: migrationsDirectory).storage
    }

    /// The SQLite storage at `path`, migrated (tests of the SQLite engine itself).
    static func sqliteStorage(_ path: String) throws -> SQLiteStorage {
        try SQLiteStorage(path: path, migrations: Migration.load(from: migrationsDirectory))
    }

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

/// The token that requests to a test server's port carry by default.
final class TestCredentials: @unchecked Sendable {
    static let shared = TestCredentials()
    private let lock = NSLock()
    private var tokens: [Int: String] = [:]

    func set(_ token: String?, for port: Int) { lock.lock(); tokens[port] = token; lock.unlock() }
    func token(for port: Int) -> String? { lock.lock(); defer { lock.unlock() }; return tokens[port] }
}
