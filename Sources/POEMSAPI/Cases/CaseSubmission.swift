import HTTPServer
import POEMSCriteria
import POEMSFHIR

/// The body of `POST /v1/cases` and `PUT /v1/cases/{id}`: what
/// `POST /v1/evaluations` takes, plus the EHR's patient reference and a note.
/// Decoding is as strict as the evaluation's: an unknown field anywhere is an
/// error with its JSON pointer. Requests are read by ``read(_:)`` (the strict
/// hand-written reader); the `Decodable` conformance is the reference it is
/// checked against (`CaseInputReaderEquivalenceTests`).
struct CaseSubmission: Decodable, Sendable {
    /// Longest accepted `patientRef`, in characters.
    static let maximumPatientRefLength = 256
    /// Longest accepted `note`, in characters.
    static let maximumNoteLength = 10_000

    var patientRef: String?
    var note: String?
    var input: CaseInput

    /// Members the stored evaluation adds (for a FHIR input: provenance,
    /// unmapped, unmappedSummary, inputWarnings).
    var evaluationMembers: [(String, [UInt8])] = []
    /// The Bundle read, for a FHIR input: what its report must say beyond
    /// the input's values (``FHIRFindings/annotate(_:)``).
    var fhir: FHIRFindings?

    /// The report of this submission: annotated for a FHIR input.
    func annotate(_ report: EvaluationReport) -> EvaluationReport {
        fhir?.annotate(report) ?? report
    }

    /// A submission read from a FHIR Bundle: the Bundle's Patient is the
    /// patient reference (`Patient/id`), and the stored evaluation keeps
    /// where each value came from (the `unmapped` entries as `listing` says).
    ///
    /// A case is about one patient, so the Bundle must hold its Patient,
    /// with an id: otherwise 400 OperationOutcome (a second Patient is
    /// refused by the reader, for evaluations too).
    init(fhir findings: FHIRFindings, unmapped listing: UnmappedQuery) throws {
        guard let expression = findings.patientExpression else {
            throw FHIROutcome(FHIRValidationError(issues: [FHIRIssue(.required, at: "Bundle.entry",
                "A case is about one patient: the Bundle needs its Patient resource, whose Patient/id becomes the case's patientRef. (POST /v1/evaluations reads a Bundle without one.)")]))
        }
        guard let reference = findings.patientReference else {
            throw FHIROutcome(FHIRValidationError(issues: [FHIRIssue(.required, at: "\(expression).id",
                "A case's Patient needs an id: Patient/id becomes the case's patientRef.")]))
        }
        guard reference.count <= Self.maximumPatientRefLength else {
            throw FHIROutcome(FHIRValidationError(issues: [FHIRIssue(.value, at: "\(expression).id",
                "Patient/id is longer than \(Self.maximumPatientRefLength) characters, the longest patientRef (a FHIR id has at most 64).")]))
        }
        patientRef = reference
        note = nil
        input = findings.input
        evaluationMembers = try FHIRInput.members(findings, unmapped: listing)
        fhir = findings
    }

    /// The submission of a request: FHIR JSON or the service's own JSON.
    static func decode(_ request: HTTPRequest, terminology: TerminologyCatalog) throws -> CaseSubmission {
        let listing = try UnmappedQuery.listing(request.query)
        if FHIRInput.isFHIR(request) {
            return try CaseSubmission(fhir: FHIRInput.read(request, terminology: terminology.map()), unmapped: listing)
        }
        try FHIRInput.requireJSON(request)
        return try request.decodeJSON(reader: read)
    }

    enum Keys: String, CodingKey, CaseIterable { case patientRef, patient, findings, labs, note }

    /// The submission in `bytes`, read by ``CaseInputReader`` (the hot
    /// path); the same values and errors as `init(from:)`.
    static func read(_ bytes: [UInt8]) throws(DecodingError) -> CaseSubmission {
        try CaseInputReader.read(bytes, keys: Keys.self, objectName: "the request body") { members throws(DecodingError) in
            let patientRef = try members.string(.patientRef)
            if let message = patientRefProblem(patientRef) { throw members.corrupted(.patientRef, message) }
            let note = try members.string(.note)
            if let message = noteProblem(note) { throw members.corrupted(.note, message) }
            return CaseSubmission(
                patientRef: patientRef, note: note,
                input: CaseInput(patient: try members.patient(.patient), findings: try members.findings(.findings), labs: try members.labs(.labs)))
        }
    }

    private init(patientRef: String?, note: String?, input: CaseInput) {
        self.patientRef = patientRef
        self.note = note
        self.input = input
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: Keys.allCases.map(\.rawValue), objectName: "the request body")
        let container = try decoder.container(keyedBy: Keys.self)
        patientRef = try container.decodeIfPresent(String.self, forKey: .patientRef)
        if let message = Self.patientRefProblem(patientRef) {
            throw DecodingError.dataCorruptedError(forKey: .patientRef, in: container, debugDescription: message)
        }
        note = try container.decodeIfPresent(String.self, forKey: .note)
        if let message = Self.noteProblem(note) {
            throw DecodingError.dataCorruptedError(forKey: .note, in: container, debugDescription: message)
        }
        input = CaseInput(
            patient: try container.decodeIfPresent(Patient.self, forKey: .patient),
            findings: try container.decode(Findings.self, forKey: .findings),
            labs: try container.decodeIfPresent(Labs.self, forKey: .labs))
    }

    private static func patientRefProblem(_ patientRef: String?) -> String? {
        guard let patientRef, patientRef.isEmpty || patientRef.count > maximumPatientRefLength else { return nil }
        return "patientRef must be 1 to \(maximumPatientRefLength) characters."
    }

    private static func noteProblem(_ note: String?) -> String? {
        guard let note, note.count > maximumNoteLength else { return nil }
        return "note must be at most \(maximumNoteLength) characters."
    }
}
