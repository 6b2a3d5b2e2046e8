import HTTPServer
import POEMSCriteria
import POEMSFHIR

/// The body of `POST /v1/cases` and `PUT /v1/cases/{id}`: what
/// `POST /v1/evaluations` takes, plus the EHR's patient reference and a note.
/// Decoding is as strict as the evaluation's: an unknown field anywhere is an
/// error with its JSON pointer.
struct CaseSubmission: Decodable, Sendable {
    /// Longest accepted `patientRef`, in characters.
    static let maximumPatientRefLength = 256
    /// Longest accepted `note`, in characters.
    static let maximumNoteLength = 10_000

    var patientRef: String?
    var note: String?
    var input: CaseInput

    /// Members the stored evaluation adds (for a FHIR input: provenance,
    /// unmapped, inputWarnings).
    var evaluationMembers: [(String, [UInt8])] = []

    /// A submission read from a FHIR Bundle: the Bundle's Patient is the
    /// patient reference (`Patient/id`), and the stored evaluation keeps
    /// where each value came from.
    init(fhir findings: FHIRFindings) throws {
        patientRef = findings.patientReference.flatMap { $0.count <= Self.maximumPatientRefLength ? $0 : nil }
        note = nil
        input = findings.input
        evaluationMembers = try FHIRInput.members(findings)
    }

    /// The submission of a request: FHIR JSON or the service's own JSON.
    static func decode(_ request: HTTPRequest, terminology: TerminologyCatalog) throws -> CaseSubmission {
        if FHIRInput.isFHIR(request) {
            return try CaseSubmission(fhir: FHIRInput.read(request, terminology: terminology.map()))
        }
        return try request.decodeJSON(CaseSubmission.self)
    }

    private enum Keys: String, CodingKey, CaseIterable { case patientRef, patient, findings, labs, note }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: Keys.allCases.map(\.rawValue), objectName: "the request body")
        let container = try decoder.container(keyedBy: Keys.self)
        patientRef = try container.decodeIfPresent(String.self, forKey: .patientRef)
        if let patientRef, patientRef.isEmpty || patientRef.count > Self.maximumPatientRefLength {
            throw DecodingError.dataCorruptedError(forKey: .patientRef, in: container,
                debugDescription: "patientRef must be 1 to \(Self.maximumPatientRefLength) characters.")
        }
        note = try container.decodeIfPresent(String.self, forKey: .note)
        if let note, note.count > Self.maximumNoteLength {
            throw DecodingError.dataCorruptedError(forKey: .note, in: container,
                debugDescription: "note must be at most \(Self.maximumNoteLength) characters.")
        }
        input = CaseInput(
            patient: try container.decodeIfPresent(Patient.self, forKey: .patient),
            findings: try container.decode(Findings.self, forKey: .findings),
            labs: try container.decodeIfPresent(Labs.self, forKey: .labs))
    }
}
