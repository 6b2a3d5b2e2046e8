import Foundation
import Testing

/// Issue 21, the CDS Hooks cards end to end: a myeloma picture leads with
/// myeloma staging, and an incomplete M-protein work-up is never a "does not
/// meet" card. Blocking steps run on threads of their own, as in
/// ``CDSHooksAPITests``.
@Suite(.serialized) struct CDSClinicalCardsTests {
    static func observation(_ id: String, _ loinc: String, _ value: Double, _ unit: String) -> [String: Any] {
        ["resourceType": "Observation", "id": id, "status": "final", "subject": ["reference": "Patient/pt-1"],
         "code": ["coding": [["system": "http://loinc.org", "code": loinc]]], "effectiveDateTime": "2024-03-01",
         "valueQuantity": ["value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit]]
    }

    /// A prefetch with polyneuropathy and the given Observations.
    static func prefetch(_ observations: [[String: Any]]) -> [String: Any] {
        ["patient": ["resourceType": "Patient", "id": "pt-1", "gender": "female"],
         "conditions": ["resourceType": "Bundle", "type": "searchset", "entry": [["resource": [
             "resourceType": "Condition", "id": "pn", "subject": ["reference": "Patient/pt-1"],
             "code": ["coding": [["system": "http://snomed.info/sct", "code": "42345000"]]]]]]],
         "observations": ["resourceType": "Bundle", "type": "searchset", "entry": observations.map { ["resource": $0] }]]
    }

    func card(_ prefetch: [String: Any]) async throws -> [String: Any] {
        var result: [String: Any] = [:]
        try await CDSHooksAPITests().withEHR { ehr, service in
            let response = try await CDSHooksAPITests.call(service.port, try await ehr.token(), try CDSHooksAPITests.request(prefetch: prefetch))
            #expect(response.status == 200)
            let cards = try CDSHooksAPITests.cards(response)
            #expect(cards.count == 1)
            result = try #require(cards.first)
        }
        return result
    }

    /// An M-protein shown on electrophoresis and hemoglobin 8.5 g/dL (a
    /// myeloma-defining event, the marrow not examined).
    @Test func aMyelomaPictureLeadsWithStaging() async throws {
        let card = try await card(Self.prefetch([
            Self.observation("spep", "33358-3", 0.4, "g/dL"), Self.observation("hb", "718-7", 8.5, "g/dL"),
        ]))
        let summary = try #require(card["summary"] as? String)
        #expect(summary == "Polyneuropathy: POEMS syndrome not excluded. Next: myeloma staging")
        #expect(card["indicator"] as? String == "critical")
        let detail = try #require(card["detail"] as? String)
        #expect(detail.contains("Myeloma-defining event of IMWG 2014: Hemoglobin 8.5 g/dL is below 10 g/dL"))
        #expect(detail.contains("- Multiple myeloma: Myeloma staging: bone marrow biopsy"))
        #expect(!summary.contains("cardiopulmonary"))
    }

    /// A negative electrophoresis alone: POEMS is not excluded, the card asks
    /// for the immunofixations and free light chains.
    @Test func anIncompleteMWorkupIsNeverANotMetCard() async throws {
        let card = try await card(Self.prefetch([Self.observation("spep", "33358-3", 0, "g/dL")]))
        let summary = try #require(card["summary"] as? String)
        #expect(summary.hasPrefix("Polyneuropathy: POEMS syndrome not excluded. Next: "))
        #expect(summary.contains("immunofixation"))
        let detail = try #require(card["detail"] as? String)
        #expect(!detail.contains("do not meet"))
        #expect(card["indicator"] as? String != "info")
    }

    /// The card title names the criteria set once, by its short name.
    @Test func theMetCardNamesTheCriteriaOnce() async throws {
        var cards: [[String: Any]] = []
        try await CDSHooksAPITests().withEHR { ehr, service in
            cards = try CDSHooksAPITests.cards(try await CDSHooksAPITests.call(
                service.port, try await ehr.token(), try CDSHooksAPITests.request(prefetch: CDSHooksAPITests.prefetch("poems-searchset.json"))))
        }
        let summary = try #require(cards.first?["summary"] as? String)
        #expect(summary == "POEMS syndrome: the IMWG 2014 criteria are met")
        #expect(summary.components(separatedBy: "criteria").count == 2)
    }
}
