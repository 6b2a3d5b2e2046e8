import Foundation
import POEMSAPI
import POEMSStorage
import Testing

/// FHIR R4 input end to end: Bundles posted as `application/fhir+json` to
/// `POST /v1/evaluations` and `/v1/cases`, `GET /v1/terminology`, and
/// `poemsd terminology import`. The fixtures are validated with the Python
/// `fhir.resources` library first.
@Suite struct FHIRAPITests {
    static let directory = TestService.fixturesDirectory.appendingPathComponent("fhir")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func post(_ port: Int, _ path: String, fhir body: [UInt8], headers: [(String, String)] = []) throws -> WireResponse {
        try fetch(port, "POST", path, headers: [("Content-Type", "application/fhir+json")] + headers, body: body)
    }

    static func provenance(_ body: [String: Any], _ target: String) -> [String: Any]? {
        (body["provenance"] as? [[String: Any]])?.first { $0["target"] as? String == target }
    }

    static func unmappedReasons(_ body: [String: Any]) -> [String: String] {
        Dictionary(((body["unmapped"] as? [[String: Any]]) ?? []).map { ($0["resource"] as? String ?? "", $0["reason"] as? String ?? "") },
                   uniquingKeysWith: { $0 + " " + $1 })
    }

    @Test func fixturesAreValidFHIRBundlesForFhirResources() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 3)
        let python = "python3" // scripts/test.sh puts its venv first on PATH
        let script = TestService.fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/validate-fhir.py").path
        let result = try runProcess("/usr/bin/env", [python, script] + files.map { Self.directory.appendingPathComponent($0).path })
        #expect(result.status == 0, "fhir.resources: \(result.output)")
        #expect(result.output.components(separatedBy: "valid ").count - 1 == files.count)
    }

    @Test func aPOEMSBundleIsEvaluatedWithProvenanceAndUnmapped() throws {
        try withService { service in
            let response = try Self.post(service.port, "/v1/evaluations", fhir: Self.fixture("poems-searchset.json"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let body = try response.json()
            #expect(body["criteriaSet"] as? String == "imwg-2014")
            #expect(body["verdict"] as? String == "meets")
            // 135 g/L read as 13.5 g/dL: no polycythemia in a man (seed 004, Table 2: above 17 g/dL).
            let hemoglobin = try #require(Self.provenance(body, "/labs/hemoglobinGPerDl"))
            #expect(hemoglobin["resources"] as? [String] == ["Observation/o-hb"])
            #expect(((hemoglobin["details"] as? [[String: Any]])?.first?["reported"] as? String) == "135 g/L → 13.5 g/dL")
            #expect(Self.provenance(body, "/findings/monoclonalPlasmaCellDisorder")?["resources"] as? [String] == ["Observation/o-mprot"])
            #expect(Self.provenance(body, "/findings/extravascularVolumeOverload/ascites")?["resources"] as? [String] == ["Condition/c-as"])
            #expect(Self.provenance(body, "/patient/sex")?["resources"] as? [String] == ["Patient/pt-1"])
            #expect(Self.provenance(body, "/labs/plateletCount10e9PerL") != nil)
            // VEGF 1450 pg/mL without a specimen: never placed on the serum or the plasma scale, but above both
            // cut-offs, so elevated whichever it is (REFERENCES.md, Laboratory thresholds).
            #expect(Self.provenance(body, "/labs/serumVegfPgPerMl") == nil && Self.provenance(body, "/labs/plasmaVegfPgPerMl") == nil)
            #expect(Self.provenance(body, "/findings/vegfElevated")?["resources"] as? [String] == ["Observation/o-vegf"])
            // The protein is shown, and neither calcium nor creatinine is in the Bundle: said.
            let warnings = (body["inputWarnings"] as? [[String: Any]]) ?? []
            #expect(warnings.compactMap { $0["code"] as? String } == ["myeloma-labs-not-read", "myeloma-labs-not-read"])
        }
    }

    @Test func unitsStatusesAndConflictsAreReportedNotGuessed() throws {
        try withService { service in
            let body = try Self.post(service.port, "/v1/evaluations", fhir: Self.fixture("mixed-units-and-statuses.json")).json()
            // The newer of two hemoglobins, 8.4 mmol/L × 1.611 = 13.53 g/dL.
            let hemoglobin = try #require(Self.provenance(body, "/labs/hemoglobinGPerDl"))
            #expect(hemoglobin["resources"] as? [String] == ["Observation/o-hb-new"])
            #expect(((hemoglobin["details"] as? [[String: Any]])?.first?["reported"] as? String) == "8.4 mmol/L → 13.532 g/dL")
            let warnings = (body["inputWarnings"] as? [[String: Any]]) ?? []
            // Two hemoglobins months apart: a trend, the latest deciding.
            #expect(warnings.first { $0["target"] as? String == "/labs/hemoglobinGPerDl" }?["code"] as? String == "serial-results")
            // The newer polyneuropathy Condition is provisional: never counted; the refuted one stands, and the warning names both.
            let polyneuropathy = try #require(Self.provenance(body, "/findings/polyneuropathy"))
            #expect(polyneuropathy["resources"] as? [String] == ["Condition/c-pn-old"])
            let provisional = try #require(warnings.first { $0["target"] as? String == "/findings/polyneuropathy" })
            #expect(provisional["code"] as? String == "condition-not-confirmed")
            #expect(provisional["resources"] as? [String] == ["Condition/c-pn-new", "Condition/c-pn-old"])
            let reasons = Self.unmappedReasons(body)
            #expect(reasons["Observation/o-plt"]?.contains("'10.9/L'") == true)
            #expect(reasons["Condition/c-err"]?.contains("entered-in-error") == true)
            #expect(reasons["Condition/c-unk"]?.contains("terminology map") == true)
            #expect(reasons["Encounter/enc-1"] != nil)
            #expect(Self.provenance(body, "/labs/plateletCount10e9PerL") == nil)
        }
    }

    @Test func invalidBundlesAnswerAnOperationOutcome() throws {
        try withService { service in
            let response = try Self.post(service.port, "/v1/evaluations", fhir: Self.fixture("quantity-without-value.json"))
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/fhir+json")
            let outcome = try response.json()
            #expect(outcome["resourceType"] as? String == "OperationOutcome")
            let issue = try #require((outcome["issue"] as? [[String: Any]])?.first)
            #expect(issue["severity"] as? String == "error")
            #expect(issue["expression"] as? [String] == ["Bundle.entry[1].resource.valueQuantity.value"])

            let patient = try Self.post(service.port, "/v1/evaluations", fhir: Array(#"{"resourceType": "Patient", "id": "x"}"#.utf8))
            #expect(patient.status == 400)
            #expect(((try patient.json()["issue"] as? [[String: Any]])?.first?["expression"] as? [String]) == ["Bundle.resourceType"])

            // Our own JSON keeps problem+json.
            let ours = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {"polyneurpathy": true}}"#)
            #expect(ours.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func casesAcceptBundlesAndKeepTheProvenance() throws {
        try withService { service in
            let created = try Self.post(service.port, "/v1/cases", fhir: Self.fixture("poems-searchset.json"))
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            let etag = try #require(created.header("ETag"))
            let record = try fetch(service.port, "GET", location).json()
            #expect(record["patientRef"] as? String == "Patient/pt-1")
            let evaluation = try #require(record["evaluation"] as? [String: Any])
            #expect(evaluation["verdict"] as? String == "meets")
            #expect(Self.provenance(evaluation, "/labs/hemoglobinGPerDl") != nil)
            #expect((record["input"] as? [String: Any]).flatMap { $0["labs"] as? [String: Any] }?["hemoglobinGPerDl"] as? Double == 13.5)

            let updated = try fetch(service.port, "PUT", location, headers: [("Content-Type", "application/fhir+json"), ("If-Match", etag)],
                                    body: Self.fixture("mixed-units-and-statuses.json"))
            #expect(updated.status == 200)
            #expect(try updated.json()["revision"] as? Int == 2)
            let invalid = try fetch(service.port, "PUT", location, headers: [("Content-Type", "application/fhir+json"), ("If-Match", "*")],
                                    body: Self.fixture("quantity-without-value.json"))
            #expect(invalid.status == 400)
            #expect(invalid.header("Content-Type") == "application/fhir+json")
        }
    }

    @Test func importedTerminologyIsListedAndUsedWithoutARestart() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        try withService { service in
            let listed = try fetch(service.port, "GET", "/v1/terminology").json()
            let seed = (listed["rows"] as? [[String: Any]]) ?? []
            #expect(seed.count == 46)
            #expect(seed.first { $0["code"] as? String == "75628-8" }?["evidence"] as? String == "corroborated")

            let file = service.directory.appendingPathComponent("local.json")
            try Data(#"""
                {"rows": [{"system": "urn:oid:1.2.3.4", "code": "VEGF-P", "display": "VEGF, plasma (local)", "kind": "lab", "target": "vegf-plasma",
                           "source": "St Elsewhere laboratory catalogue", "evidence": "local"}]}
                """#.utf8).write(to: file)
            let storage = ["--database", service.databasePath, "--migrations", TestService.migrationsDirectory]
            let imported = try runProcess(binary, ["terminology", "import", file.path] + storage)
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.output.contains("imported 1"))

            let rows = (try fetch(service.port, "GET", "/v1/terminology").json()["rows"] as? [[String: Any]]) ?? []
            let local = try #require(rows.first { $0["code"] as? String == "VEGF-P" })
            #expect(local["origin"] as? String == "imported")
            #expect(local["importedAt"] as? String != nil)

            let bundle = #"""
                {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Observation", "id": "v", "status": "final",
                 "code": {"coding": [{"system": "urn:oid:1.2.3.4", "code": "VEGF-P"}]},
                 "valueQuantity": {"value": 320, "unit": "pg/mL", "system": "http://unitsofmeasure.org", "code": "pg/mL"}}}]}
                """#
            let body = try Self.post(service.port, "/v1/evaluations", fhir: Array(bundle.utf8)).json()
            #expect(Self.provenance(body, "/labs/plasmaVegfPgPerMl")?["resources"] as? [String] == ["Observation/v"])
            #expect(((Self.provenance(body, "/labs/plasmaVegfPgPerMl")?["details"] as? [[String: Any]])?.first?["evidence"] as? String) == "local")

            // An invalid file is refused whole, naming the row.
            try Data(#"{"rows": [{"system": "s", "code": "c", "kind": "finding", "target": "polyneuropathies", "source": "x", "evidence": "local"}]}"#.utf8).write(to: file)
            let refused = try runProcess(binary, ["terminology", "import", file.path] + storage)
            #expect(refused.status != 0)
            #expect(refused.output.contains("/rows/0/target"))
        }
    }
}
