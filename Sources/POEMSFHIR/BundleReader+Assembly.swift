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

        // The engine refuses an extent beside lesions reported absent.
        if values["/findings/scleroticBoneLesions"]?.value == .bool(false) {
            drop("/findings/boneLesionExtent", reason: "An extent of sclerotic bone lesions is given while the lesions are reported absent; the extent is not used.")
        }
        warnings += state.serialWarnings
        let notes = Self.keptNotes(state.notes, values: values)
        warnings += Self.notConfirmedWarnings(state.notes, values: values)
        warnings += Self.myelomaLabWarnings(values: values, notes: state.notes)

        // The engine's decoder decides what it accepts; a lab it does not
        // read (in this version) is reported, not an error.
        for _ in 0..<8 {
            let document = Self.nest(values.mapValues(\.value))
            do {
                let input = try JSONDecoder().decode(CaseInput.self, from: JSONEncoder().encode(document))
                return FHIRFindings(
                    input: input,
                    provenance: values.keys.sorted().map { values[$0]!.provenance },
                    unmapped: unmapped.map { $0.ofType(state.resourceTypes[$0.resource]) }, warnings: warnings, notes: notes,
                    patientReference: state.patient.flatMap { $0.reference.hasPrefix("Patient/") ? $0.reference : nil },
                    patientExpression: state.patient?.element.expression)
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

    /// The notes that still matter once the values are settled: a result
    /// not interpretable, or a Condition not confirmed, whose value no other
    /// resource set; a derived finding that was kept.
    static func keptNotes(_ notes: [CriterionNote], values: [String: CandidateValues.Settled]) -> [CriterionNote] {
        notes.filter { note in
            switch note.kind {
            case .derived: return values[note.target]?.provenance.resources.contains(note.resource) == true
            case .notInterpretable, .notConfirmed:
                return values[note.target] == nil
                    && (note.criterion != "monoclonalPlasmaCellDisorder" || values["/findings/monoclonalPlasmaCellDisorder"] == nil)
            }
        }
    }

    /// `condition-not-confirmed`, one per Condition not confirmed: the value
    /// is left unassessed, or taken from the other resources, which it names.
    static func notConfirmedWarnings(_ notes: [CriterionNote], values: [String: CandidateValues.Settled]) -> [InputWarning] {
        notes.filter { $0.kind == .notConfirmed }.map { note in
            guard let others = values[note.target]?.provenance.resources else {
                return InputWarning(code: .conditionNotConfirmed, target: note.target, resources: [note.resource], message: note.text)
            }
            let message = note.text.replacingOccurrences(of: "so it is left unassessed until the Condition is confirmed or refuted.",
                                                         with: "so \(note.target) is taken from \(others.joined(separator: ", ")) alone.")
            return InputWarning(code: .conditionNotConfirmed, target: note.target, resources: [note.resource] + others, message: message)
        }
    }

    /// IMWG 2014 (REFERENCES.md, Telling POEMS from its mimics): with a
    /// monoclonal protein, hypercalcemia (calcium) and renal insufficiency
    /// (creatinine) are myeloma-defining events; when the Bundle shows the
    /// protein but neither lab could be read, the answer says so.
    static func myelomaLabWarnings(values: [String: CandidateValues.Settled], notes: [CriterionNote]) -> [InputWarning] {
        guard let protein = values["/findings/monoclonalPlasmaCellDisorder"], protein.value == .bool(true) else { return [] }
        return [("/labs/calciumMgPerDl", "calcium", "hypercalcemia"), ("/labs/creatinineMgPerDl", "creatinine", "renal insufficiency")]
            .compactMap { target, lab, event in
                guard values[target] == nil else { return nil }
                let unreadable = notes.filter { $0.target == target && $0.kind == .notInterpretable }
                let why = unreadable.isEmpty ? "none is in the Bundle"
                    : unreadable.map { "\($0.resource) could not be read: \($0.text)" }.joined(separator: " ")
                return InputWarning(
                    code: .myelomaLabsNotRead, target: target, resources: protein.provenance.resources + unreadable.map(\.resource),
                    message: "A monoclonal protein is shown (\(protein.provenance.resources.joined(separator: ", "))), but no \(lab) result could be read: \(why). \(event.prefix(1).uppercased() + event.dropFirst()) is a myeloma-defining event (IMWG 2014, REFERENCES.md), so multiple myeloma cannot be weighed without a \(lab) result.")
            }
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
