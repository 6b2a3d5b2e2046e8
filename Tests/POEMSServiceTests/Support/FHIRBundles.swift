import Foundation
import Testing

/// FHIR R4 Bundles for the end-to-end tests, built as dictionaries (the
/// service tests' counterpart of Tests/POEMSFHIRTests/BundleBuilder), with
/// ids that are valid FHIR ids and `fullUrl`s that are valid `urn:uuid`s, so
/// that `scripts/validate-fhir.py` accepts every Bundle built here
/// (``FHIRAPITests``).
enum FHIRBundles {
    static let loinc = "http://loinc.org"
    static let snomed = "http://snomed.info/sct"
    static let ucum = "http://unitsofmeasure.org"
    static let verification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
    static let interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    static let serum = "119364003"
    static let plasma = "119361006"

    static func bundle(_ resources: [[String: Any]]) -> [UInt8] {
        let entries = resources.enumerated().map { index, resource in
            ["fullUrl": String(format: "urn:uuid:00000000-0000-4000-8000-%012d", index), "resource": resource] as [String: Any]
        }
        return Array(try! JSONSerialization.data(withJSONObject: ["resourceType": "Bundle", "type": "collection", "entry": entries], options: [.sortedKeys]))
    }

    static func concept(_ system: String, _ code: String) -> [String: Any] {
        ["coding": [["system": system, "code": code]]]
    }

    static func patient(sex: String? = nil, birthDate: String? = nil) -> [String: Any] {
        var patient: [String: Any] = ["resourceType": "Patient", "id": "p1"]
        patient["gender"] = sex
        patient["birthDate"] = birthDate
        return patient
    }

    static func condition(_ id: String, _ code: String, status: String = "confirmed", extra: [String: Any] = [:]) -> [String: Any] {
        ["resourceType": "Condition", "id": id, "code": concept(snomed, code), "subject": ["reference": "Patient/p1"],
         "verificationStatus": concept(verification, status), "recordedDate": "2024-03-01"].merging(extra) { $1 }
    }

    static func observation(_ id: String, _ code: [String: Any], value: [String: Any], effective: String = "2024-03-01", extra: [String: Any] = [:]) -> [String: Any] {
        ["resourceType": "Observation", "id": id, "status": "final", "code": code, "subject": ["reference": "Patient/p1"],
         "effectiveDateTime": effective].merging(value) { $1 }.merging(extra) { $1 }
    }

    /// A finding coded in SNOMED CT, present (LOINC LA9633-4) or absent (LA9634-2).
    static func feature(_ id: String, _ code: String, present: Bool) -> [String: Any] {
        observation(id, concept(snomed, code), value: ["valueCodeableConcept": concept(loinc, present ? "LA9633-4" : "LA9634-2")])
    }

    /// A laboratory value with its UCUM unit.
    static func lab(_ id: String, _ loincCode: String, _ value: Double, _ unit: String, effective: String = "2024-03-01", extra: [String: Any] = [:]) -> [String: Any] {
        observation(id, concept(loinc, loincCode), value: ["valueQuantity": ["value": value, "unit": unit, "system": ucum, "code": unit]],
                    effective: effective, extra: extra)
    }

    /// A VEGF (LOINC 75628-8) with its specimen (a contained Specimen of a SNOMED CT type), or none.
    static func vegf(_ id: String, _ value: Double, specimen: String?, upperLimit: Double? = nil) -> [String: Any] {
        var extra: [String: Any] = [:]
        if let specimen {
            extra["contained"] = [["resourceType": "Specimen", "id": "specimen", "type": concept(snomed, specimen)]]
            extra["specimen"] = ["reference": "#specimen"]
        }
        if let upperLimit {
            extra["referenceRange"] = [["high": ["value": upperLimit, "unit": "pg/mL", "system": ucum, "code": "pg/mL"]]]
        }
        return lab(id, "75628-8", value, "pg/mL", extra: extra)
    }

    /// An M-protein test (LOINC) negative or shown.
    static func mProtein(_ id: String, _ loincCode: String, shown: Bool, effective: String = "2024-03-01") -> [String: Any] {
        observation(id, concept(loinc, loincCode), value: ["valueCodeableConcept": concept(loinc, shown ? "LA9633-4" : "LA9634-2")], effective: effective)
    }

    /// The kappa/lambda free light chain ratio (LOINC 48378-4) with the laboratory's interpretation.
    static func freeLightChainRatio(_ id: String, _ value: Double, interpretation code: String?) -> [String: Any] {
        var extra: [String: Any] = [:]
        extra["interpretation"] = code.map { [concept(interpretation, $0)] }
        return observation(id, concept(loinc, "48378-4"), value: ["valueQuantity": ["value": value, "system": ucum, "code": "1"]], extra: extra)
    }

    /// The extent of the sclerotic bone lesions, in poemsd's own codes.
    static func boneLesionExtent(_ id: String, _ extent: String) -> [String: Any] {
        observation(id, concept("urn:poemsd:fhir:codes", "bone-lesion-extent"),
                    value: ["valueCodeableConcept": concept("urn:poemsd:fhir:bone-lesion-extent", extent)])
    }
}

/// Checks Bundles with the Python `fhir.resources` library
/// (`scripts/validate-fhir.py`, R4B models: R4's Bundle, Patient,
/// Observation, Condition, Procedure, Specimen), as the fixtures are.
func validateFHIR(_ bundles: [(name: String, bytes: [UInt8])]) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let paths = try bundles.map { name, bytes in
        let file = directory.appendingPathComponent("\(name).json")
        try Data(bytes).write(to: file)
        return file.path
    }
    let script = TestService.fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/validate-fhir.py").path
    // scripts/test.sh puts its venv's python3 first on PATH.
    let result = try runProcess("/usr/bin/env", ["python3", script] + paths)
    #expect(result.status == 0, "fhir.resources: \(result.output)")
    #expect(result.output.components(separatedBy: "valid ").count - 1 == bundles.count)
}
