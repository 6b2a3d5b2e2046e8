import Foundation
import GRDB

/// Looks into a test's database from outside the service, whatever the
/// engine: SQL through GRDB on the SQLite file, or on a connection of its
/// own to the PostgreSQL database. Statements are written in the SQL both accept.
enum TestSQL {
    /// The integer in the first column of the first row.
    static func count(_ location: String, _ sql: String) throws -> Int {
        if location.hasPrefix("postgres") {
            return Int(try TestDatabase.sql(location, "SELECT (\(sql))::text")) ?? -1
        }
        return try DatabaseQueue(path: location).read { try Int.fetchOne($0, sql: sql) } ?? -1
    }

    /// Runs a statement; throws what the engine refused.
    static func execute(_ location: String, _ sql: String) throws {
        if location.hasPrefix("postgres") {
            try TestDatabase.sql(location, sql)
        } else {
            try DatabaseQueue(path: location).write { try $0.execute(sql: sql) }
        }
    }

    /// Everything stored, as bytes: the SQLite file and its WAL, or a
    /// `pg_dump` of the database (to show what is never stored).
    static func storedBytes(_ location: String) throws -> Data {
        if location.hasPrefix("postgres") {
            return Data(try runProcess("/usr/bin/pg_dump", [location]).output.utf8)
        }
        return [location, location + "-wal"].reduce(into: Data()) { $0 += FileManager.default.contents(atPath: $1) ?? Data() }
    }
}
