import Foundation
import GRDB
import Testing

/// What a revision stores (the input and the evaluation without the static
/// treatment-evidence tables, referenced by slug and version), that
/// revisions stored whole, before migration 0005, read exactly as before
/// (a revision is never changed), and that migration 0015 gives idempotency
/// records of that time their case.
@Suite(.enabled(if: TestEngine.isSQLite, "rows as older SQLite migrations left them")) struct StorageFormatTests {
    static let body = #"{"patientRef": "MRN-77", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "boneLesionExtent": "solitary", "papilledema": true}}"#

    @Test func revisionsStoreAReferenceAndReadAsTheFullDocument() throws {
        try withService { service in
            let created = try fetch(service.port, "POST", "/v1/cases", json: Self.body)
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            let id = String(location.dropFirst("/v1/cases/".count))
            let evaluation = try #require(try created.json()["evaluation"] as? [String: Any])
            #expect((evaluation["treatmentEvidence"] as? [String: Any])?["boneLesionExtent"] as? String == "solitary")

            // The same evaluation as POST /v1/evaluations computes, evidence included.
            let direct = try fetch(service.port, "POST", "/v1/evaluations?include=treatmentEvidence", json: #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "boneLesionExtent": "solitary", "papilledema": true}}"#)
            #expect(NSDictionary(dictionary: try direct.json()) == NSDictionary(dictionary: evaluation))

            let database = try DatabaseQueue(path: service.databasePath)
            let stored = try #require(try database.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT r.evaluation, r.treatment_evidence, length(r.input) + length(r.evaluation) AS size
                    FROM revisions r JOIN cases c ON c.pk = r.case_pk WHERE c.id = ?
                    """, arguments: [id])
            })
            #expect(stored["treatment_evidence"] as String? == "treatment-evidence/v2/meets/solitary")
            #expect(!(stored["evaluation"] as String).contains("treatmentEvidence"))
            let size: Int = stored["size"]
            #expect(size < created.body.count / 2, "a revision stores \(size) bytes of a \(created.body.count)-byte document")

            // A revision stored whole (before migration 0005) reads as it was stored.
            let whole = try JSONSerialization.data(withJSONObject: evaluation, options: [.sortedKeys])
            try database.write { db in
                try db.execute(sql: """
                    UPDATE revisions SET evaluation = ?, treatment_evidence = NULL
                    WHERE case_pk = (SELECT pk FROM cases WHERE id = ?)
                    """, arguments: [String(decoding: whole, as: UTF8.self), id])
            }
            let old = try fetch(service.port, "GET", location)
            #expect(old.status == 200)
            let oldEvaluation = try #require(try old.json()["evaluation"] as? [String: Any])
            #expect(NSDictionary(dictionary: oldEvaluation) == NSDictionary(dictionary: evaluation))
            #expect(old.text.contains(String(decoding: whole, as: UTF8.self)), "the stored document, byte for byte")
        }
    }

    /// Idempotency records stored with their whole response (before
    /// migration 0005) are given their case by migration 0015: a retry is
    /// answered with that case, as for any later record; a record whose
    /// Location names no case is removed, and its retry processed anew.
    @Test func migration0015GivesIdempotencyRecordsStoredWholeTheirCase() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        var first: WireResponse?
        try withService(configure: { $0.databasePath = path }) { service in
            first = try fetch(service.port, "POST", "/v1/cases", json: Self.body, headers: [("Idempotency-Key", "k-1")])
            #expect(first?.status == 201)
            #expect(try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#, headers: [("Idempotency-Key", "k-2")]).status == 201)
        }
        let created = try #require(first)
        let location = try #require(created.header("Location"))
        // As a server before migration 0005 left them: the whole response,
        // no reference; k-2's Location names a case that does not exist.
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(sql: "UPDATE idempotency_keys SET case_pk = NULL, body = ?, headers = ? WHERE key LIKE '%k-1'",
                           arguments: [Data(created.body), #"{"Content-Type":"application/json","Location":"\#(location)"}"#])
            try db.execute(sql: "UPDATE idempotency_keys SET case_pk = NULL, headers = ? WHERE key LIKE '%k-2'",
                           arguments: [#"{"Content-Type":"application/json","Location":"/v1/cases/gone"}"#])
            try db.execute(sql: "DELETE FROM schema_migrations WHERE version = 15")
            // The next start makes its admin key (whose token the test holds)
            // again, under the same name: the records' scope.
            try db.execute(sql: "DELETE FROM api_keys")
        }
        try database.close()
        try withService(configure: { $0.databasePath = path }) { service in
            let replay = try fetch(service.port, "POST", "/v1/cases", json: Self.body, headers: [("Idempotency-Key", "k-1")])
            #expect(replay.status == 201 && replay.header("Idempotent-Replayed") == "true")
            #expect(replay.header("Location") == location)
            #expect(replay.body == created.body)
            let anew = try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#, headers: [("Idempotency-Key", "k-2")])
            #expect(anew.status == 201 && anew.header("Idempotent-Replayed") == nil)
        }
        let remaining = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM idempotency_keys WHERE case_pk IS NULL")
        }
        #expect(remaining == 0)
    }
}
