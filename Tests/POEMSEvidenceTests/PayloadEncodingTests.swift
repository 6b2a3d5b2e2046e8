import Foundation
import Testing
@testable import POEMSEvidence

/// The JSON shapes the API layer serves.
@Suite struct PayloadEncodingTests {
    static func object<T: Encodable>(_ value: T) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let tableKeys: Set<String> = ["id", "number", "title", "printedTitle", "titleFootnotes", "citation",
                                         "columns", "rows", "footnotes", "reminder"]

    @Test func treatmentResponsePayload() throws {
        let json = try Self.object(TreatmentResponseTable.dispenzieri2003)
        #expect(Set(json.keys) == Self.tableKeys)
        #expect(json["reminder"] as? String == RetrospectiveReminder.text)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 9)
        #expect(Set(rows[0].keys) == ["slug", "treatment", "footnotes", "cells"])
        let cells = try #require(rows[0]["cells"] as? [String: Any])
        #expect(Set(cells.keys) == ["patients", "improved", "stable", "progression", "unknown"])
        let improved = try #require(cells["improved"] as? [String: Any])
        #expect(improved["value"] as? Int == 54)
        let derived = try #require(improved["derivedCount"] as? [String: Any])
        #expect(derived["value"] as? Int == 38)
        #expect(derived["derived"] as? Bool == true)
        let citation = try #require(json["citation"] as? [String: Any])
        #expect(citation["year"] as? Int == 2003)
    }

    @Test func rowPayload() throws {
        let json = try Self.object(try #require(TreatmentResponseTable.dispenzieri2003.rowPayload(slug: "radiation")))
        #expect(Set(json.keys) == ["id", "number", "title", "printedTitle", "citation", "columns", "row",
                                   "footnotes", "reminder"])
    }

    @Test func transplantResponsePayload() throws {
        let json = try Self.object(TransplantResponseTable.dispenzieri)
        #expect(Set(json.keys) == Self.tableKeys.union(["dataSource"]))
        let origin = try #require(json["dataSource"] as? [String: Any])
        #expect((origin["citation"] as? String)?.contains("Blood. 2004;104:3400-3407") == true)
        #expect((json["citation"] as? [String: Any])?["year"] as? Int == 2003)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 20)
        #expect(Set(rows[1].keys) == ["slug", "label", "parentSlug", "footnotes", "cells"])
        #expect(rows[0]["parentSlug"] is NSNull)
        #expect(rows[1]["parentSlug"] as? String == "neurologic")
        let stable = try #require((rows[0]["cells"] as? [String: Any])?["stable"] as? [String: Any])
        #expect(stable["value"] is NSNull)
        #expect(stable["missing"] as? String == "not-reported")
    }

    @Test func clinicalFeaturesPayload() throws {
        let json = try Self.object(ClinicalFeaturesTable.threeSeries)
        #expect(Set(json.keys) == Self.tableKeys.union(["comment"]))
        let rows = try #require(json["rows"] as? [[String: Any]])
        let heading = try #require(rows.first { $0["slug"] as? String == "other-features" })
        #expect(heading["cells"] is NSNull)
        #expect(heading["kind"] as? String == "heading")
        let columns = try #require(json["columns"] as? [[String: Any]])
        #expect(columns.compactMap { $0["n"] as? Int } == [99, 25, 102])
    }

    @Test func statementsPayload() throws {
        let json = try Self.object(TherapyStatements.payload)
        #expect(Set(json.keys) == ["id", "title", "citation", "sources", "statements", "reminder"])
        let statements = try #require(json["statements"] as? [[String: Any]])
        #expect(Set(statements[0].keys) == ["id", "source", "quote", "figures", "topics", "related", "note"])
    }

    @Test func everyPayloadCarriesTheReminder() {
        #expect(TreatmentResponseTable.dispenzieri2003.reminder == RetrospectiveReminder.text)
        #expect(TransplantResponseTable.dispenzieri.reminder == RetrospectiveReminder.text)
        #expect(ClinicalFeaturesTable.threeSeries.reminder == RetrospectiveReminder.text)
        #expect(TherapyStatements.payload.reminder == RetrospectiveReminder.text)
        #expect(RetrospectiveReminder.text == "There are no randomized controlled trials in patients with POEMS. Information about benefits of therapy is most typically derived retrospectively (Table 3).")
    }
}
