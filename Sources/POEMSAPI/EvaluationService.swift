import POEMSCriteria
import POEMSEvidence

/// Evaluates a case under every criteria set and attaches the published
/// treatment evidence relevant to it. Pure: used by `POST /v1/evaluations`,
/// by case records, and by `poemsd evaluate` without a server.
public struct EvaluationService: Sendable {
    public let engine: CriteriaEngine
    /// The headline criteria set when a request names none.
    public let defaultCriteriaSet: CriteriaSetID

    public init(settings: EvaluationSettings = .init(), defaultCriteriaSet: CriteriaSetID = .imwg2014) {
        engine = CriteriaEngine(settings: settings)
        self.defaultCriteriaSet = defaultCriteriaSet
    }

    public func evaluate(_ input: CaseInput, headline: CriteriaSetID? = nil) -> EvaluationResponse {
        let report = engine.evaluate(input, headline: headline ?? defaultCriteriaSet)
        // The two modules each define the extent; the raw values are the contract.
        let extent = input.findings.boneLesionExtent.flatMap { POEMSEvidence.BoneLesionExtent(rawValue: $0.rawValue) }
        return EvaluationResponse(report: report, treatmentEvidence: TreatmentEvidenceSelection.select(boneLesionExtent: extent))
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
