import Foundation
import GRDB
import POEMSSQLite
import POEMSStorage
import Testing

/// Migration 0009 on a database with cases: each appears once in the feed.
@Suite(.enabled(if: TestEngine.isSQLite, "the SQLite migration of the feed")) struct ChangeFeedMigrationTests {
    @Test func casesWrittenBeforeTheFeedAppearOnceEachInTheOrderOfTheirLastWrite() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let all = try Migration.load(from: TestService.migrationsDirectory)
        let beforeFeed = try #require(all.firstIndex { $0.name.hasPrefix("0009") })
        let old = try DatabaseQueue(path: path)
        try Migrator(migrations: Array(all.prefix(beforeFeed))).migrate(old)
        try old.write { db in
            // Written in the order c (seq 1), a (seq 2), b (seq 3).
            try db.execute(sql: """
                INSERT INTO cases (id, created_at, updated_at, deleted_at, revision, change_seq) VALUES
                  ('a', '2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z', NULL, 3, 2),
                  ('b', '2026-01-01T00:00:00.000Z', '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z', 1, 3),
                  ('c', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', NULL, 1, 1)
                """)
        }
        try withService(configure: { $0.databasePath = path }) { service in
            let items = try #require(try fetch(service.port, "GET", "/v1/changes").json()["items"] as? [[String: Any]])
            #expect(items.map { $0["caseId"] as? String } == ["c", "a", "b"])
            #expect(items.map { $0["kind"] as? String } == ["created", "updated", "deleted"])
            #expect(items.map { $0["revision"] as? Int } == [1, 3, 1])
            #expect(try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#).status == 201)
            let next = try #require(try fetch(service.port, "GET", "/v1/changes?after=3").json()["items"] as? [[String: Any]])
            #expect(next.map { $0["seq"] as? Int } == [4])
        }
    }
}
