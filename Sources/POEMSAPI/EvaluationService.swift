import HTTPServer
import POEMSCriteria
import POEMSEvidence

/// Evaluates a case under every criteria set and attaches the published
/// treatment evidence, tied to the headline verdict
/// (``TreatmentEvidenceSection``). Pure: used by `POST /v1/evaluations`, by
/// case records, and by `poemsd evaluate` without a server.
public struct EvaluationService: Sendable {
    public let engine: CriteriaEngine
    /// The headline criteria set when a request names none.
    public let defaultCriteriaSet: CriteriaSetID
    /// The evidence members (`treatmentEvidence`, `treatmentEvidenceWithheld`),
    /// encoded once per reference (verdict and bone-lesion extent: twelve
    /// possible documents): encoding them per request was most of the cost of
    /// an evaluation (see BENCHMARKS.md).
    private let encodedEvidence: [String: [(String, [UInt8])]]
    private let encodedDisclaimer: [UInt8]

    public init(settings: EvaluationSettings = .init(), defaultCriteriaSet: CriteriaSetID = .imwg2014) {
        engine = CriteriaEngine(settings: settings)
        self.defaultCriteriaSet = defaultCriteriaSet
        var encoded: [String: [(String, [UInt8])]] = [:]
        for verdict in Verdict.allCases {
            for extent in [nil] + POEMSCriteria.BoneLesionExtent.allCases {
                // Static data of known shape: encoding cannot fail.
                encoded[Self.treatmentEvidenceReference(verdict, extent)] =
                    try! TreatmentEvidenceSection.forVerdict(verdict, boneLesionExtent: extent).members()
            }
        }
        encodedEvidence = encoded
        encodedDisclaimer = Array(try! JSONCoding.encoder.encode(EvaluationResponse.disclaimerText))
    }

    public func evaluate(_ input: CaseInput, headline: CriteriaSetID? = nil) -> EvaluationResponse {
        let report = engine.evaluate(input, headline: headline ?? defaultCriteriaSet)
        return EvaluationResponse(
            report: report,
            treatmentEvidence: .forVerdict(report.verdict, boneLesionExtent: input.findings.boneLesionExtent))
    }

    /// The same document as `evaluate`, as JSON bytes: the report encoded,
    /// the pre-encoded evidence and the disclaimer added as members.
    public func evaluateJSON(_ input: CaseInput, headline: CriteriaSetID? = nil) throws -> [UInt8] {
        try encode(report: engine.evaluate(input, headline: headline ?? defaultCriteriaSet), input: input)
    }

    /// The response document for a report the engine made from `input`.
    func encode(report: EvaluationReport, input: CaseInput) throws -> [UInt8] {
        complete(report: Array(try JSONCoding.encoder.encode(report)),
                 treatmentEvidence: treatmentEvidenceReference(verdict: report.verdict, input: input))
    }

    /// The treatment-evidence section for a headline verdict and `input`, by
    /// slug and version (`treatment-evidence/v2/meets/solitary`): what a
    /// stored revision keeps instead of the tables themselves. The section
    /// depends on the headline verdict (``TreatmentEvidenceSection``), so the
    /// verdict is part of the reference.
    func treatmentEvidenceReference(verdict: Verdict, input: CaseInput) -> String {
        Self.treatmentEvidenceReference(verdict, input.findings.boneLesionExtent)
    }

    private static func treatmentEvidenceReference(_ verdict: Verdict, _ extent: POEMSCriteria.BoneLesionExtent?) -> String {
        "treatment-evidence/v2/" + verdict.rawValue + "/" + (extent?.rawValue ?? "unspecified")
    }

    /// An encoded report completed with the disclaimer and the treatment
    /// evidence section named by `reference`: the evaluation document. The one
    /// place evidence is attached, for new evaluations and for stored
    /// revisions read back. A reference this version does not know (written
    /// by a later one) attaches no evidence rather than other evidence.
    func complete(report: [UInt8], treatmentEvidence reference: String) -> [UInt8] {
        var members = [("disclaimer", encodedDisclaimer)]
        if let evidence = encodedEvidence[reference] { members += evidence }
        return JSONObjectMembers.append(members, to: report)
    }
}

/// The body of a `POST /v1/evaluations` response: the criteria engine's
/// report, flattened, plus the evidence section and the disclaimer.
public struct EvaluationResponse: Encodable, Sendable {
    public let report: EvaluationReport
    public let treatmentEvidence: TreatmentEvidenceSection
    public let disclaimer = EvaluationResponse.disclaimerText

    /// Shown with every evaluation.
    public static let disclaimerText = "poemsd informs a clinician; it does not diagnose or prescribe. Verdicts apply the published criteria to the findings as given; the differential lists alternatives to exclude, not diagnoses; the treatment evidence is retrospective (seed 004: there are no randomized controlled trials in POEMS syndrome) and is shown only when the headline criteria are met or undecided."

    private enum CodingKeys: String, CodingKey { case treatmentEvidence, treatmentEvidenceWithheld, disclaimer }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treatmentEvidence.evidence, forKey: .treatmentEvidence)
        try container.encode(treatmentEvidence.withheldReason, forKey: .treatmentEvidenceWithheld)
        try container.encode(disclaimer, forKey: .disclaimer)
    }
}
