import HTTPServer
import POEMSCriteria
import POEMSEvidence

/// Evaluates a case under every criteria set and attaches the published
/// treatment evidence relevant to it. Pure: used by `POST /v1/evaluations`,
/// by case records, and by `poemsd evaluate` without a server.
public struct EvaluationService: Sendable {
    public let engine: CriteriaEngine
    /// The headline criteria set when a request names none.
    public let defaultCriteriaSet: CriteriaSetID
    /// The `treatmentEvidence` member, encoded once per selection (four
    /// possible documents, by `treatmentEvidenceReference`): encoding it per
    /// request was most of the cost of an evaluation (see BENCHMARKS.md).
    private let encodedEvidence: [String: [UInt8]]
    private let encodedDisclaimer: [UInt8]

    public init(settings: EvaluationSettings = .init(), defaultCriteriaSet: CriteriaSetID = .imwg2014) {
        engine = CriteriaEngine(settings: settings)
        self.defaultCriteriaSet = defaultCriteriaSet
        var encoded: [String: [UInt8]] = [:]
        let encoder = JSONCoding.encoder
        for extent in [nil] + POEMSEvidence.BoneLesionExtent.allCases {
            let selection = TreatmentEvidenceSelection.select(boneLesionExtent: extent)
            // Static data of known shape: encoding cannot fail.
            encoded[Self.treatmentEvidenceReference(extent)] = Array(try! encoder.encode(selection))
        }
        encodedEvidence = encoded
        encodedDisclaimer = Array(try! encoder.encode(EvaluationResponse.disclaimerText))
    }

    public func evaluate(_ input: CaseInput, headline: CriteriaSetID? = nil) -> EvaluationResponse {
        let report = engine.evaluate(input, headline: headline ?? defaultCriteriaSet)
        return EvaluationResponse(report: report, treatmentEvidence: TreatmentEvidenceSelection.select(boneLesionExtent: Self.extent(input)))
    }

    /// The same document as `evaluate`, as JSON bytes: the report encoded,
    /// the pre-encoded evidence and the disclaimer added as members.
    public func evaluateJSON(_ input: CaseInput, headline: CriteriaSetID? = nil) throws -> [UInt8] {
        try encode(report: engine.evaluate(input, headline: headline ?? defaultCriteriaSet), input: input)
    }

    /// The response document for a report the engine made from `input`.
    func encode(report: EvaluationReport, input: CaseInput) throws -> [UInt8] {
        complete(report: Array(try JSONCoding.encoder.encode(report)), treatmentEvidence: treatmentEvidenceReference(for: input))
    }

    /// The treatment-evidence selection for `input`, by slug and version
    /// (`treatment-evidence/v1/solitary`): what a stored revision keeps
    /// instead of the tables themselves.
    func treatmentEvidenceReference(for input: CaseInput) -> String {
        Self.treatmentEvidenceReference(Self.extent(input))
    }

    private static func treatmentEvidenceReference(_ extent: POEMSEvidence.BoneLesionExtent?) -> String {
        "treatment-evidence/v1/" + (extent?.rawValue ?? "unspecified")
    }

    /// An encoded report completed with the disclaimer and the treatment
    /// evidence selected by `reference`: the evaluation document. The one
    /// place evidence is attached, for new evaluations and for stored
    /// revisions read back. A reference this version does not know (written
    /// by a later one) attaches no evidence rather than other evidence.
    func complete(report: [UInt8], treatmentEvidence reference: String) -> [UInt8] {
        var members = [("disclaimer", encodedDisclaimer)]
        if let evidence = encodedEvidence[reference] { members.append(("treatmentEvidence", evidence)) }
        return JSONObjectMembers.append(members, to: report)
    }

    /// The two modules each define the extent; the raw values are the contract.
    private static func extent(_ input: CaseInput) -> POEMSEvidence.BoneLesionExtent? {
        input.findings.boneLesionExtent.flatMap { POEMSEvidence.BoneLesionExtent(rawValue: $0.rawValue) }
    }
}

/// The body of a `POST /v1/evaluations` response: the criteria engine's
/// report, flattened, plus the evidence section and the disclaimer.
public struct EvaluationResponse: Encodable, Sendable {
    public let report: EvaluationReport
    public let treatmentEvidence: TreatmentEvidenceSelection
    public let disclaimer = EvaluationResponse.disclaimerText

    /// Shown with every evaluation.
    public static let disclaimerText = "poemsd informs a clinician; it does not diagnose or prescribe. Verdicts apply the published criteria to the findings as given; the treatment evidence is retrospective (seed 004: there are no randomized controlled trials in POEMS syndrome)."

    private enum CodingKeys: String, CodingKey { case treatmentEvidence, disclaimer }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treatmentEvidence, forKey: .treatmentEvidence)
        try container.encode(disclaimer, forKey: .disclaimer)
    }
}
