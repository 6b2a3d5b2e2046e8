import Foundation
import POEMSFHIR

/// Builds FHIR R4 JSON for tests: resources as dictionaries, a Bundle around them.
enum FHIR {
    static let loinc = "http://loinc.org"
    static let snomed = "http://snomed.info/sct"
    static let hpo = "http://human-phenotype-ontology.org"
    static let ucum = "http://unitsofmeasure.org"
    static let verification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"

    static func bundle(_ resources: [[String: Any]], type: String = "collection") -> Data {
        let entries = resources.map { ["fullUrl": "urn:uuid:\($0["id"] ?? UUID().uuidString)", "resource": $0] as [String: Any] }
        return try! JSONSerialization.data(withJSONObject: ["resourceType": "Bundle", "type": type, "entry": entries])
    }

    static func patient(_ id: String = "p1", gender: String? = "female", birthDate: String? = "1970-06-15") -> [String: Any] {
        var patient: [String: Any] = ["resourceType": "Patient", "id": id]
        patient["gender"] = gender
        patient["birthDate"] = birthDate
        return patient
    }

    static func concept(_ system: String, _ code: String) -> [String: Any] {
        ["coding": [["system": system, "code": code]]]
    }

    static func condition(_ id: String, _ system: String, _ code: String, status: String? = "confirmed", recorded: String? = nil) -> [String: Any] {
        var condition: [String: Any] = ["resourceType": "Condition", "id": id, "code": concept(system, code), "subject": ["reference": "Patient/p1"]]
        condition["verificationStatus"] = status.map { concept(verification, $0) }
        condition["recordedDate"] = recorded
        return condition
    }

    static func quantity(_ id: String, _ code: String, _ value: Any?, unit: String?, system: String? = ucum, effective: String? = "2024-03-01",
                         extra: [String: Any] = [:]) -> [String: Any] {
        var quantity: [String: Any] = [:]
        quantity["value"] = value
        quantity["unit"] = unit
        quantity["code"] = unit
        quantity["system"] = unit == nil ? nil : system
        var observation: [String: Any] = ["resourceType": "Observation", "id": id, "status": "final",
                                          "code": concept(loinc, code), "subject": ["reference": "Patient/p1"], "valueQuantity": quantity]
        observation["effectiveDateTime"] = effective
        return observation.merging(extra) { $1 }
    }

    static let interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

    /// An Observation of a LOINC code with `value` (its `value[x]` members) and `extra` members.
    static func observation(_ id: String, _ code: String, system: String = loinc, value: [String: Any], effective: String? = "2024-03-01",
                            extra: [String: Any] = [:]) -> [String: Any] {
        var observation: [String: Any] = ["resourceType": "Observation", "id": id, "status": "final",
                                          "code": concept(system, code), "subject": ["reference": "Patient/p1"]]
        observation["effectiveDateTime"] = effective
        return observation.merging(value) { $1 }.merging(extra) { $1 }
    }

    /// An M-protein test found negative (LOINC LA9634-2 Absent) or shown (LA9633-4 Present).
    static func mProtein(_ id: String, _ code: String, shown: Bool, effective: String? = "2024-03-01") -> [String: Any] {
        observation(id, code, value: ["valueCodeableConcept": concept(loinc, shown ? "LA9633-4" : "LA9634-2")], effective: effective)
    }

    /// A kappa/lambda free light chain ratio (LOINC 48378-4) with the laboratory's interpretation code.
    static func ratio(_ id: String, _ value: Double, interpretation code: String?, effective: String? = "2024-03-01") -> [String: Any] {
        var extra: [String: Any] = [:]
        extra["interpretation"] = code.map { [concept(interpretation, $0)] }
        return observation(id, "48378-4", value: ["valueQuantity": ["value": value, "system": ucum, "code": "1", "unit": "ratio"]],
                           effective: effective, extra: extra)
    }

    /// A Specimen of a SNOMED CT type.
    static func specimen(_ id: String, _ code: String) -> [String: Any] {
        ["resourceType": "Specimen", "id": id, "type": concept(snomed, code)]
    }

    static func feature(_ id: String, _ system: String, _ code: String, present: Bool, effective: String? = "2024-03-01") -> [String: Any] {
        var observation: [String: Any] = ["resourceType": "Observation", "id": id, "status": "final", "code": concept(system, code),
                                          "subject": ["reference": "Patient/p1"],
                                          "valueCodeableConcept": concept(loinc, present ? "LA9633-4" : "LA9634-2")]
        observation["effectiveDateTime"] = effective
        return observation
    }
}

/// Reads with the seed terminology on a fixed date.
func read(_ data: Data, imported: [TerminologyRow] = []) throws -> FHIRFindings {
    let date = ISO8601DateFormatter().date(from: "2025-01-10T00:00:00Z")!
    return try BundleReader(terminology: .seeded(with: imported), evaluationDate: date).read(data)
}

/// The issues of a Bundle that must be refused.
func issues(_ data: Data) -> [FHIRIssue] {
    do {
        _ = try read(data)
        return []
    } catch let error as FHIRValidationError {
        return error.issues
    } catch {
        return []
    }
}
