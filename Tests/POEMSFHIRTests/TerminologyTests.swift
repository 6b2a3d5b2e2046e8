import Foundation
import Testing
import POEMSFHIR

@Suite struct TerminologyTests {
    @Test func seedHoldsOnlyTheReferencedCodesWithTheirEvidence() throws {
        let rows = TerminologyMap.seedRows
        #expect(rows.count == 46)
        let map = TerminologyMap.seeded()
        #expect(map.row(system: FHIR.loinc, code: "718-7")?.target == "hemoglobin")
        #expect(map.row(system: FHIR.loinc, code: "718-7")?.evidence == .confirmed)
        #expect(map.row(system: FHIR.loinc, code: "777-3")?.evidence == .confirmed)
        #expect(map.row(system: FHIR.loinc, code: "33358-3")?.evidence == .confirmed)
        // The myeloma checks and the specimen types (REFERENCES.md, Codes for EHR input): confirmed.
        for (code, target) in [("17861-6", "calcium"), ("2000-8", "calcium"), ("2160-0", "creatinine"), ("14682-9", "creatinine")] {
            #expect(map.row(system: FHIR.loinc, code: code)?.target == target, "\(code)")
            #expect(map.row(system: FHIR.loinc, code: code)?.evidence == .confirmed, "\(code)")
        }
        for (code, target) in [("119364003", "serum"), ("119361006", "plasma"), ("122592007", "serum-or-plasma")] {
            #expect(map.row(system: FHIR.snomed, code: code)?.kind == .specimen, "\(code)")
            #expect(map.row(system: FHIR.snomed, code: code)?.target == target, "\(code)")
        }
        #expect(map.row(system: FHIR.loinc, code: "48378-4")?.target == "free-light-chain-ratio")
        // poemsd's own code for the extent (no standard code in REFERENCES.md).
        #expect(map.row(system: "urn:poemsd:fhir:codes", code: "bone-lesion-extent")?.evidence == .local)
        // Secondary sources only (REFERENCES.md): corroborated, never confirmed.
        for code in ["75628-8", "36916-5", "33944-0", "48378-4", "25700-6", "13440-3", "51435-6"] {
            #expect(map.row(system: FHIR.loinc, code: code)?.evidence == .corroborated, "\(code)")
        }
        #expect(map.row(system: FHIR.hpo, code: "HP:0001271")?.target == "polyneuropathy")
        #expect(map.row(system: FHIR.snomed, code: "111202002")?.target == "skinChanges/whiteNails")
        // HP:0001873 is thrombocytopenia, not thrombocytosis (REFERENCES.md).
        #expect(map.row(system: FHIR.hpo, code: "HP:0001873") == nil)
        #expect(rows.allSatisfy { !$0.source.isEmpty })
    }

    @Test func importedRowsWinAndAreValidated() throws {
        let document = #"""
            {"rows": [{"system": "urn:local", "code": "HB", "kind": "lab", "target": "hemoglobin", "source": "St Elsewhere lab", "evidence": "local"},
                      {"system": "http://loinc.org", "code": "718-7", "kind": "recorded", "target": "x", "source": "ours", "evidence": "local"}]}
            """#
        let rows = try TerminologyMap.rows(fromDocument: Data(document.utf8))
        let map = TerminologyMap.seeded(with: rows)
        #expect(map.row(system: "urn:local", code: "HB")?.target == "hemoglobin")
        #expect(map.row(system: FHIR.loinc, code: "718-7")?.kind == .recorded)

        for bad in [
            #"{"rows": [{"system": "s", "code": "c", "kind": "finding", "target": "polyneuropathies", "source": "x", "evidence": "local"}]}"#,
            #"{"rows": [{"system": "s", "code": "c", "kind": "lab", "target": "sodium", "source": "x", "evidence": "local"}]}"#,
            #"{"rows": [{"system": "s", "code": "c", "kind": "lab", "target": "hemoglobin", "source": "x", "evidence": "sure"}]}"#,
            #"{"rows": [{"system": "s", "code": "c", "kind": "lab", "target": "hemoglobin", "source": "x", "evidence": "local", "extra": 1}]}"#,
            #"{"rows": [{"system": "s", "code": "c", "kind": "lab", "target": "hemoglobin", "source": "x", "evidence": "local"}, {"system": "s", "code": "c", "kind": "lab", "target": "platelets", "source": "x", "evidence": "local"}]}"#,
        ] {
            #expect(throws: (any Error).self) { try TerminologyMap.rows(fromDocument: Data(bad.utf8)) }
        }
    }
}
