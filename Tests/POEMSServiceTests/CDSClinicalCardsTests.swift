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
        CDSHooksAPITests.expectCDSHooksCard(result, criteriaSet: "imwg-2014")
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

    static func presence(_ id: String, _ system: String, _ code: String, present: Bool) -> [String: Any] {
        ["resourceType": "Observation", "id": id, "status": "final", "subject": ["reference": "Patient/pt-1"],
         "code": ["coding": [["system": system, "code": code]]], "effectiveDateTime": "2024-03-01",
         "valueCodeableConcept": ["coding": [["system": "http://loinc.org", "code": present ? "LA9633-4" : "LA9634-2"]]]]
    }

    /// The kappa/lambda free light chain ratio (LOINC 48378-4) the laboratory
    /// interprets as normal: the free light chain assay done, no protein shown
    /// (a kappa or lambda value alone is not interpretable by itself).
    static func normalFreeLightChainRatio(_ id: String) -> [String: Any] {
        ["resourceType": "Observation", "id": id, "status": "final", "subject": ["reference": "Patient/pt-1"],
         "code": ["coding": [["system": "http://loinc.org", "code": "48378-4"]]], "effectiveDateTime": "2024-03-01",
         "valueQuantity": ["value": 1.1, "system": "http://unitsofmeasure.org", "code": "1"],
         "interpretation": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "N"]]]]]
    }

    /// The complete negative work-up (electrophoresis, serum and urine
    /// immunofixation, the free light chain ratio, and the disorder recorded absent
    /// under a local code mapped by an imported terminology row), no
    /// sclerotic lesion: the absence is established, POEMS is not met, and
    /// the card names CIDP as the alternative left open.
    @Test func aCompleteNegativeWorkupGivesTheAlternativesCard() async throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        var card: [String: Any] = [:]
        try await CDSHooksAPITests().withEHR { ehr, service in
            let file = service.directory.appendingPathComponent("local.json")
            try Data(#"""
                {"rows": [{"system": "urn:oid:1.2.3.4", "code": "MPROT", "display": "Monoclonal plasma cell disorder (local)", "kind": "finding",
                           "target": "monoclonalPlasmaCellDisorder", "source": "St Elsewhere problem list", "evidence": "local"}]}
                """#.utf8).write(to: file)
            let storage = ["--database", service.databasePath, "--migrations", TestService.migrationsDirectory]
            let imported = try await onOwnThread { try runProcess(binary, ["terminology", "import", file.path] + storage) }
            #expect(imported.status == 0, "\(imported.output)")
            let prefetch = Self.prefetch([
                Self.observation("spep", "33358-3", 0, "g/dL"), Self.presence("sife", "http://loinc.org", "25700-6", present: false),
                Self.presence("uife", "http://loinc.org", "13440-3", present: false), Self.normalFreeLightChainRatio("flc"),
                Self.presence("m", "urn:oid:1.2.3.4", "MPROT", present: false), Self.presence("bone", "http://snomed.info/sct", "49347007", present: false),
            ])
            let cards = try CDSHooksAPITests.cards(try await CDSHooksAPITests.call(service.port, try await ehr.token(), try CDSHooksAPITests.request(prefetch: prefetch)))
            #expect(cards.count == 1)
            card = try #require(cards.first)
        }
        CDSHooksAPITests.expectCDSHooksCard(card, criteriaSet: "imwg-2014")
        #expect(card["summary"] as? String == "Polyneuropathy: alternatives to POEMS syndrome left open: CIDP")
        let detail = try #require(card["detail"] as? String)
        #expect(detail.contains("the absence is established"))
        #expect(detail.contains("do not meet the criteria"))
    }

    /// The card title names the criteria set once, by its short name.
    @Test func theMetCardNamesTheCriteriaOnce() async throws {
        var cards: [[String: Any]] = []
        try await CDSHooksAPITests().withEHR { ehr, service in
            cards = try CDSHooksAPITests.cards(try await CDSHooksAPITests.call(
                service.port, try await ehr.token(), try CDSHooksAPITests.request(prefetch: CDSHooksAPITests.prefetch("poems-searchset.json"))))
        }
        let card = try #require(cards.first)
        CDSHooksAPITests.expectCDSHooksCard(card, criteriaSet: "imwg-2014")
        let summary = try #require(card["summary"] as? String)
        #expect(summary == "POEMS syndrome: the IMWG 2014 criteria are met")
        #expect(summary.components(separatedBy: "criteria").count == 2)
        // The set's heading in the detail names it once, without its citation (which the sources give).
        let detail = try #require(card["detail"] as? String)
        #expect(detail.contains("\n**Updated POEMS syndrome diagnostic criteria (IMWG 2014)**: **meets**.\n"))
        #expect(detail.contains("**Sources**:\n- Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548.\n- Dispenzieri A. POEMS syndrome: update on diagnosis"))
        // The card reports where its text comes from by the documents' names; the sex decides polycythemia.
        #expect(detail.contains("patient attributes used: sex."))
    }

    /// The myeloma card's text quotes the Mayo Clinic review: named, and
    /// described under the sources, never by the project's label.
    @Test func theSourceDocumentsAreNamedAndDescribed() async throws {
        let card = try await card(Self.prefetch([
            Self.observation("spep", "33358-3", 0.4, "g/dL"), Self.observation("hb", "718-7", 8.5, "g/dL"),
        ]))
        let detail = try #require(card["detail"] as? String)
        #expect(detail.contains("Dispenzieri, Mayo Clinic review: mixed sclerotic and lytic lesions are common in POEMS"))
        #expect(detail.contains("\n- Dispenzieri, Mayo Clinic review: A clinical review of POEMS syndrome by the Mayo Clinic group (Dispenzieri)"))
        #expect(detail.contains("\n- Published references: Published sources the poemsd project checked"))
    }
}
