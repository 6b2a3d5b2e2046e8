import Foundation
import Testing

/// The listing carries what a dashboard renders, equal to the full case's evaluation.
@Suite struct CaseListItemTests {
    @Test func listItemsCarryWarningsDifferentialUndeterminedAndFirstWorkup() throws {
        try withService { service in
            let port = service.port
            let created = try CaseAPITests.create(port, ClinicalScenarioTests.cidpWithMGUS)
            #expect(created.status == 201)
            let id = try #require(try created.json()["id"] as? String)
            let evaluation = try #require(try created.json()["evaluation"] as? [String: Any])

            let listing = try fetch(port, "GET", "/v1/cases")
            let items = try #require(try listing.json()["items"] as? [[String: Any]])
            let item = try #require(items.first { $0["id"] as? String == id })
            #expect(item["revision"] as? Int == 1 && item["updatedAt"] is String)

            let headline = try #require(item["headline"] as? [String: String])
            #expect(headline["criteriaSet"] == evaluation["criteriaSet"] as? String && headline["verdict"] == evaluation["verdict"] as? String)

            let warnings = try #require(item["warnings"] as? [[String: String]])
            let fullWarnings = try #require(evaluation["warnings"] as? [[String: Any]])
            #expect(!warnings.isEmpty)
            #expect(warnings.map { $0["code"] } == fullWarnings.map { $0["code"] as? String })
            #expect(warnings.map { $0["severity"] } == fullWarnings.map { $0["severity"] as? String })

            #expect(item["differential"] as? [String] == ["cidp", "al-amyloidosis"])

            let undetermined = try #require(item["undetermined"] as? [String: Int])
            for set in try #require(evaluation["evaluations"] as? [[String: Any]]) {
                #expect(undetermined[set["criteriaSet"] as? String ?? ""] == (set["undetermined"] as? [String])?.count)
            }

            let workup = try #require(evaluation["suggestedWorkup"] as? [[String: Any]])
            let first = try #require(workup.min { ($0["priority"] as? Int ?? 0) < ($1["priority"] as? Int ?? 0) })
            let step = try #require(item["firstWorkup"] as? [String: Any])
            #expect(step["id"] as? String == first["id"] as? String && step["name"] as? String == first["name"] as? String)

            // A new revision replaces the digest in the same write.
            let etag = try #require(created.header("ETag"))
            let clean = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}}"#
            #expect(try fetch(port, "PUT", "/v1/cases/\(id)", json: clean, headers: [("If-Match", etag)]).status == 200)
            let updated = try #require((try fetch(port, "GET", "/v1/cases").json()["items"] as? [[String: Any]])?.first)
            #expect(updated["revision"] as? Int == 2)
            #expect(updated["differential"] as? [String] != ["cidp", "al-amyloidosis"])
        }
    }
}
