import Foundation

/// The engine the storage and end-to-end tests run against: SQLite, or,
/// with `POEMSD_TEST_ENGINE=postgres`, the PostgreSQL server at
/// `POEMSD_TEST_POSTGRES_URL` (scripts/test.sh starts a throwaway cluster
/// and runs the suite once per engine).
enum TestEngine: String {
    case sqlite, postgres

    static let current: TestEngine = ProcessInfo.processInfo.environment["POEMSD_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite

    /// The cluster's URL (its maintenance database): where test databases are made.
    static let postgresURL = ProcessInfo.processInfo.environment["POEMSD_TEST_POSTGRES_URL"] ?? ""

    static var isSQLite: Bool { current == .sqlite }
    static var isPostgres: Bool { current == .postgres }
}

/// A fresh database for one test: a SQLite file in a new temporary
/// directory, or a new database on the PostgreSQL test cluster.
/// `remove()` deletes it.
struct TestDatabase: Sendable {
    /// What `--database` takes: the file path, or the `postgres://` URL.
    let location: String
    let directory: URL
    private let postgresName: String?

    init(engine: TestEngine = .current) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch engine {
        case .sqlite:
            location = directory.appendingPathComponent("poems.sqlite").path
            postgresName = nil
        case .postgres:
            let name = "poemsd_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try Self.sql(TestEngine.postgresURL, "CREATE DATABASE \(name)")
            postgresName = name
            location = Self.url(TestEngine.postgresURL, database: name)
        }
    }

    /// An existing database (the test that made it removes it).
    init(location: String) {
        self.location = location
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-test-\(UUID().uuidString)")
        postgresName = nil
    }

    func remove() {
        if let postgresName { _ = try? Self.sql(TestEngine.postgresURL, "DROP DATABASE IF EXISTS \(postgresName) WITH (FORCE)") }
        try? FileManager.default.removeItem(at: directory)
    }

    /// `url` naming `database` instead.
    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs one SQL statement on the database at `url`; the first column of the first row, as text.
    @discardableResult
    static func sql(_ url: String, _ sql: String) throws -> String {
        (try TestPostgres.query(url, sql).first ?? nil) ?? ""
    }
}
