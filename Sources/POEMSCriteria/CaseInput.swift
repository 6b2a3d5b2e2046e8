/// A case to evaluate: the request body of `POST /v1/evaluations`.
///
/// JSON:
///
/// ```json
/// {"patient": {"sex": "female", "ageYears": 52},
///  "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true},
///  "labs": {"plasmaVegfPgPerMl": 320}}
/// ```
///
/// `findings` is required (an empty object is valid); `patient` and `labs` are
/// optional. Decoding is strict: unknown keys, wrong types, unknown enum
/// values, impossible values and self-contradictory inputs throw a
/// `DecodingError` whose `codingPath` points at the offending field. See
/// ``Findings``, ``Labs`` and ``Patient``.
public struct CaseInput: Codable, Sendable, Equatable {
    public var patient: Patient?
    public var findings: Findings
    public var labs: Labs?

    public init(patient: Patient? = nil, findings: Findings = Findings(), labs: Labs? = nil) {
        self.patient = patient
        self.findings = findings
        self.labs = labs
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case patient, findings, labs
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "the request body")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        patient = try container.decodeIfPresent(Patient.self, forKey: .patient)
        findings = try container.decode(Findings.self, forKey: .findings)
        labs = try container.decodeIfPresent(Labs.self, forKey: .labs)
    }
}
