import Foundation
import GRDB
import Testing

/// What a revision stores (the input and the evaluation without the static
/// treatment-evidence tables, referenced by slug and version), and that
/// rows stored whole, before migration 0005, read exactly as before.
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

    /// An idempotency key stored with its whole response (before migration
    /// 0005) replays that response.
    @Test func idempotencyKeysStoredWholeStillReplay() throws {
        try withService { service in
            let first = try fetch(service.port, "POST", "/v1/cases", json: Self.body, headers: [("Idempotency-Key", "k-1")])
            #expect(first.status == 201)
            let replay = try fetch(service.port, "POST", "/v1/cases", json: Self.body, headers: [("Idempotency-Key", "k-1")])
            #expect(replay.status == 201)
            #expect(replay.header("Idempotent-Replayed") == "true")
            #expect(replay.body == first.body)

            // A whole response as then stored: a case document (it still meets
            // the API description), told apart by its timestamp.
            var whole = try first.json()
            whole["updatedAt"] = "2020-01-01T00:00:00Z"
            let stored = try JSONSerialization.data(withJSONObject: whole, options: [.sortedKeys])
            let database = try DatabaseQueue(path: service.databasePath)
            try database.write { db in
                try db.execute(sql: """
                    UPDATE idempotency_keys SET body = ?, headers = ?, case_pk = NULL
                    """, arguments: [stored, #"{"Content-Type":"application/json","Location":"/v1/cases/old"}"#])
            }
            let old = try fetch(service.port, "POST", "/v1/cases", json: Self.body, headers: [("Idempotency-Key", "k-1")])
            #expect(old.status == 201)
            #expect(old.body == Array(stored))
            #expect(old.header("Location") == "/v1/cases/old")
        }
    }
}
