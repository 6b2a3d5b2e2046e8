import Foundation
import POEMSCriteria

extension BundleReader {
    /// Settles the candidates and builds the input, through the criteria
    /// engine's own strict decoder.
    func assemble(_ state: ReadState) throws(FHIRValidationError) -> FHIRFindings {
        var (values, warnings) = state.candidates.settle()
        var unmapped = state.unmapped

        func drop(_ pointer: String, reason: String) {
            guard let settled = values.removeValue(forKey: pointer) else { return }
            for detail in settled.provenance.details {
                unmapped.append(Unmapped(resource: detail.resource, expression: pointer, coding: nil, reason: reason))
            }
        }

        // A group given as a whole and part by part: the parts are used.
        for pointer in values.keys.sorted() where values.keys.contains(where: { $0.hasPrefix(pointer + "/") }) {
            drop(pointer, reason: "\(pointer) is given part by part by other resources; the parts are used, not the whole.")
        }
        // A laboratory's upper limit belongs to the one VEGF assay it came with.
        let vegf = ["/labs/serumVegfPgPerMl", "/labs/plasmaVegfPgPerMl"].compactMap { values[$0] }
        if vegf.count == 1, let limit = vegf[0].upperLimit {
            values["/labs/vegfUpperLimitPgPerMl"] = .init(
                value: .number(limit), upperLimit: nil,
                provenance: Provenance(target: "/labs/vegfUpperLimitPgPerMl", resources: vegf[0].provenance.resources, details: vegf[0].provenance.details))
        } else if vegf.count == 2, vegf.contains(where: { $0.upperLimit != nil }) {
            warnings.append(InputWarning(
                code: .conflictingResources, target: "/labs/vegfUpperLimitPgPerMl",
                resources: vegf.flatMap(\.provenance.resources),
                message: "Both serum and plasma VEGF are given; a laboratory's upper limit belongs to one assay, so the default thresholds are used for both."))
        }

        // The engine's decoder decides what it accepts; a lab it does not
        // read (in this version) is reported, not an error.
        for _ in 0..<8 {
            let document = Self.nest(values.mapValues(\.value))
            do {
                let input = try JSONDecoder().decode(CaseInput.self, from: JSONEncoder().encode(document))
                return FHIRFindings(
                    input: input,
                    provenance: values.keys.sorted().map { values[$0]!.provenance },
                    unmapped: unmapped, warnings: warnings, patientReference: state.patient.flatMap { $0.reference.hasPrefix("Patient/") ? $0.reference : nil })
            } catch let error as DecodingError {
                let path = Self.path(of: error)
                let pointer = "/" + path.joined(separator: "/")
                guard path.count == 2, path[0] == "labs", values[pointer] != nil else {
                    throw FHIRValidationError(issues: [FHIRIssue(.notSupported, at: "Bundle",
                        "The findings read from the Bundle are not accepted at \(pointer): \(Self.message(of: error))")])
                }
                drop(pointer, reason: "This version of poemsd does not read \(path[1]).")
            } catch {
                break
            }
        }
        throw FHIRValidationError(issues: [FHIRIssue(.notSupported, at: "Bundle", "The findings read from the Bundle could not be assembled.")])
    }

    /// `{"/findings/organomegaly/hepatomegaly": true}` → nested objects.
    static func nest(_ values: [String: JSONValue]) -> JSONValue {
        var root: [String: JSONValue] = ["findings": .object([:])]
        for (pointer, value) in values {
            let path = pointer.split(separator: "/").map(String.init)
            root = insert(value, at: path[...], into: root)
        }
        return .object(root)
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into object: [String: JSONValue]) -> [String: JSONValue] {
        var object = object
        guard let head = path.first else { return object }
        if path.count == 1 {
            object[head] = value
        } else {
            var child: [String: JSONValue] = [:]
            if case .object(let existing)? = object[head] { child = existing }
            object[head] = .object(insert(value, at: path.dropFirst(), into: child))
        }
        return object
    }

    static func path(of error: DecodingError) -> [String] {
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
        case .keyNotFound(let key, let c): return (c.codingPath + [key]).map(\.stringValue)
        @unknown default: return []
        }
        return context.codingPath.map(\.stringValue)
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c): c.debugDescription
        @unknown default: "invalid"
        }
    }
}
