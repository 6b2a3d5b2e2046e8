import Foundation
import GRDB
import POEMSSQLite
import POEMSStorage
import Testing

/// The audit trail's hash chain: the canonical form against an independent
/// implementation, hashes assigned on append, events written before the
/// chain chained by migration 0011, REPLACE refused, and the verifier.
@Suite(.enabled(if: TestEngine.isSQLite, "the SQLite chain and its migration (PostgresStorageTests checks PostgreSQL's)")) struct AuditChainTests {
    static func event(_ id: Int64, _ at: String, key: String?, _ action: String, _ method: String, _ route: String, case caseID: String?,
                      _ status: Int, _ requestID: String, _ client: String?) -> AuditEvent {
        var event = AuditEvent(keyName: key, action: action, method: method, route: route, caseID: caseID, status: status,
                               requestID: requestID, clientAddress: client)
        event.id = id
        event.at = at
        return event
    }

    /// The vector of `AuditChain`'s documentation; the digests were computed
    /// with Python's hashlib from the documented form, not with this code.
    @Test func theCanonicalFormAndItsHashAreTheDocumentedOnes() {
        let first = Self.event(1, "2026-11-22T01:00:00.000Z", key: nil, "denied:case.read", "GET", "/v1/cases/{id}", case: nil, 401, "r1", "127.0.0.1")
        let form = String(decoding: AuditChain.canonicalForm(first, previous: AuditChain.genesis), as: UTF8.self)
        #expect(form == "14:poemsd-audit-1,64:\(AuditChain.genesis),1:1,24:2026-11-22T01:00:00.000Z,~16:denied:case.read,3:GET,14:/v1/cases/{id},~3:401,2:r1,9:127.0.0.1,")
        let firstHash = AuditChain.hash(first, previous: AuditChain.genesis)
        #expect(firstHash == "5e39443abada58babe33aff76562858607ec18e0fc4d8bc143c9f9707f8befcc")
        let second = Self.event(2, "2026-11-22T01:00:01.500Z", key: "ehr", "case.create", "POST", "/v1/cases", case: "c-1", 201, "r2", nil)
        #expect(AuditChain.hash(second, previous: firstHash) == "d7e4a6a396667358516eaeeec80986a57a50ddff66e5ed163a7520e1bf2d33c5")
    }

    /// Netstrings keep fields apart: moving a character from one field to
    /// the next, or an absent field to an empty one, changes the hash.
    @Test func fieldBoundariesAndAbsenceAreHashed() {
        let base = Self.event(7, "t", key: "ab", "c", "GET", "/r", case: nil, 200, "x", nil)
        var shifted = base
        shifted.keyName = "a"
        shifted.action = "bc"
        var empty = base
        empty.caseID = ""
        let hashes = Set([base, shifted, empty].map { AuditChain.hash($0, previous: AuditChain.genesis) })
        #expect(hashes.count == 3)
    }

    @Test func appendedEventsAreChainedAndVerify() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try TestService.sqliteStorage(directory.appendingPathComponent("a.sqlite").path)
        defer { storage.close() }
        #expect(try storage.audit.chainHead() == nil)
        for index in 0..<5 { try Self.append(storage, "case.read", caseID: "c\(index)") }
        let events = try storage.audit.events(AuditQuery()).events
        #expect(events.map(\.id) == [1, 2, 3, 4, 5])
        #expect(events.first?.link?.previousHash == AuditChain.genesis)
        for (earlier, later) in zip(events, events.dropFirst()) { #expect(later.link?.previousHash == earlier.link?.hash) }
        #expect(try storage.audit.chainHead() == AuditChain.Head(id: 5, hash: try #require(events.last?.link?.hash)))
        let report = try AuditChainVerifier.verify(storage.audit, pageSize: 2)
        #expect(report.firstBreak == nil)
        #expect(report.intact == 5)
    }

    /// With the triggers in place, nothing but an append at the end of the
    /// chain gets in: not REPLACE, not an insert without the chain.
    @Test func replaceAndUnchainedInsertsAreRefused() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("r.sqlite").path
        let storage = try TestService.sqliteStorage(path)
        for index in 0..<3 { try Self.append(storage, "case.read", caseID: "c\(index)") }
        storage.close()
        let database = try DatabaseQueue(path: path)
        let copy = "SELECT at, key_name, 'case.delete', method, route, case_id, status, request_id, client_address, prev_hash, hash FROM audit_events WHERE id = 2"
        for statement in [
            "INSERT OR REPLACE INTO audit_events (id, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash) SELECT 2, \(copy.dropFirst(7))",
            "REPLACE INTO audit_events (id, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash) SELECT 2, \(copy.dropFirst(7))",
            "INSERT INTO audit_events (at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash) \(copy)",
            "INSERT INTO audit_events (id, at, key_name, action, method, route, case_id, status, request_id, client_address, prev_hash, hash) SELECT 4, \(copy.dropFirst(7))",
            "INSERT INTO audit_events (id, at, action, method, route, status, request_id) VALUES (4, 't', 'a', 'GET', '/', 200, 'r')",
        ] {
            #expect(throws: GRDB.DatabaseError.self, "\(statement)") { try database.write { try $0.execute(sql: statement) } }
        }
        let actions = try database.read { try String.fetchAll($0, sql: "SELECT action FROM audit_events ORDER BY id") }
        #expect(actions == ["case.read", "case.read", "case.read"])
    }

    /// Migration 0011 on a trail written before it: every event chained in
    /// id order, as the append path would have, and appends continue it.
    @Test func eventsWrittenBeforeTheChainAreChainedByTheMigration() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let all = try Migration.load(from: TestService.migrationsDirectory)
        let beforeChain = try #require(all.firstIndex { $0.name.hasPrefix("0011") })
        let old = try DatabaseQueue(path: path)
        try Migrator(migrations: Array(all.prefix(beforeChain))).migrate(old)
        try old.write { db in
            for id in 1...1203 {
                try db.execute(sql: """
                    INSERT INTO audit_events (at, key_name, action, method, route, case_id, status, request_id, client_address)
                    VALUES (?, ?, 'case.read', 'GET', '/v1/cases/{id}', ?, 200, ?, '127.0.0.1')
                    """, arguments: ["2026-01-01T00:00:00.000Z", id % 3 == 0 ? nil : "ehr", "c\(id)", "r\(id)"])
            }
        }
        try old.close()
        let storage = try TestService.sqliteStorage(path)
        defer { storage.close() }
        #expect(storage.appliedMigrations.map(\.name).contains(all[beforeChain].name))
        try Self.append(storage, "case.create", caseID: "new")
        let report = try AuditChainVerifier.verify(storage.audit)
        #expect(report.firstBreak == nil)
        #expect(report.intact == 1204)
        let first = try #require(try storage.audit.events(AuditQuery(limit: 1)).events.first)
        #expect(first.link?.hash == AuditChain.hash(first, previous: AuditChain.genesis))
        // The update trigger is back.
        #expect(throws: GRDB.DatabaseError.self) { try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE audit_events SET status = 500") } }
    }

    /// A trail rewritten with every hash recomputed passes the chain alone;
    /// a head recorded before catches it, as it catches events removed
    /// from the end.
    @Test func anAnchorCatchesARewrittenTrailAndARemovedEnd() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("w.sqlite").path
        let storage = try TestService.sqliteStorage(path)
        for index in 0..<4 { try Self.append(storage, "case.read", caseID: "c\(index)") }
        let anchor = try #require(try storage.audit.chainHead())
        let third = try #require(try storage.audit.events(AuditQuery(limit: 3)).events.last?.link)
        storage.close()
        // Event 2 is changed and every hash from it on recomputed.
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_update")
            try db.execute(sql: "UPDATE audit_events SET case_id = 'other' WHERE id = 2")
            var previous: String = try String.fetchOne(db, sql: "SELECT hash FROM audit_events WHERE id = 1")!
            for row in try Row.fetchAll(db, sql: "SELECT id, at, key_name, action, method, route, case_id, status, request_id, client_address FROM audit_events WHERE id > 1 ORDER BY id") {
                let event = Self.event(row[0], row[1], key: row[2], row[3], row[4], row[5], case: row[6], row[7], row[8], row[9])
                let hash = AuditChain.hash(event, previous: previous)
                try db.execute(sql: "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", arguments: [previous, hash, event.id])
                previous = hash
            }
        }
        try database.close()
        let reopened = try TestService.sqliteStorage(path)
        #expect(try AuditChainVerifier.verify(reopened.audit).firstBreak == nil)
        let anchored = try AuditChainVerifier.verify(reopened.audit, anchor: anchor)
        #expect(anchored.firstBreak == AuditChainBreak(eventID: 4, kind: .anchorMismatch))
        reopened.close()
        // The end removed: the chain is intact up to event 3, the anchor at 4 is missing.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_delete")
            try db.execute(sql: "DELETE FROM audit_events WHERE id = 4")
        }
        let truncated = try TestService.sqliteStorage(path)
        defer { truncated.close() }
        #expect(try AuditChainVerifier.verify(truncated.audit, anchor: AuditChain.Head(id: 3, hash: third.hash)).firstBreak?.kind == .anchorMismatch)
        #expect(try AuditChainVerifier.verify(truncated.audit, anchor: anchor).firstBreak == AuditChainBreak(eventID: 4, kind: .anchorMissing(lastID: 3)))
    }

    /// Appends one event and waits for it to be durable.
    static func append(_ storage: SQLiteStorage, _ action: String, caseID: String?) throws {
        final class Outcome: @unchecked Sendable { var result: Result<Void, any Error>? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        storage.audit.append(AuditEvent(keyName: "k", action: action, method: "GET", route: "/v1/cases/{id}", caseID: caseID, status: 200,
                                        requestID: UUID().uuidString, clientAddress: "127.0.0.1")) { result in
            outcome.result = result
            done.signal()
        }
        done.wait()
        try #require(outcome.result).get()
    }
}
