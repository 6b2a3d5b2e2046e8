import FastJSON
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
    /// an evaluation (see docs/benchmarks/evaluations.md).
    private let encodedEvidence: [String: [(String, [UInt8])]]
    private let encodedDisclaimer: [UInt8]

    public init(settings: EvaluationSettings = .init(), defaultCriteriaSet: CriteriaSetID = .imwg2014) {
        engine = CriteriaEngine(settings: settings)
        self.defaultCriteriaSet = defaultCriteriaSet
        var encoded: [String: [(String, [UInt8])]] = [:]
        for verdict in Verdict.allCases {
            for extent in [nil] + BoneLesionExtent.allCases {
                // Static data of known shape: encoding cannot fail.
                encoded[Self.treatmentEvidenceReference(verdict, extent)] =
                    try! TreatmentEvidenceSection.forVerdict(verdict, boneLesionExtent: extent).members()
            }
        }
        encodedEvidence = encoded
        encodedDisclaimer = Array(try! JSONCoding.encoder.encode(Self.disclaimerText))
    }

    /// The response of `POST /v1/evaluations` (and `poemsd evaluate`), as
    /// JSON bytes: the report encoded, the disclaimer and the pre-encoded
    /// evidence members added. Without `includeTreatmentEvidence` the long
    /// `treatmentEvidence` tables are left out (`treatmentEvidenceWithheld`
    /// stays: it says whether they would be shown, and why not).
    /// `annotate` adds what a FHIR input says beyond the input's values.
    public func evaluateJSON(_ input: CaseInput, headline: CriteriaSetID? = nil, includeTreatmentEvidence: Bool = false,
                             annotate: (EvaluationReport) -> EvaluationReport = { $0 }) -> [UInt8] {
        let report = annotate(engine.evaluate(input, headline: headline ?? defaultCriteriaSet))
        return complete(report: reportJSON(report), treatmentEvidence: treatmentEvidenceReference(verdict: report.verdict, input: input),
                        includeTreatmentEvidence: includeTreatmentEvidence)
    }

    /// The report alone, as JSON: what a stored revision keeps. Written by
    /// hand (``EvaluationReportJSON``), the same bytes as the Codable
    /// encoding with ``JSONCoding``.
    package func reportJSON(_ report: EvaluationReport) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        EvaluationReportJSON.writeMembers(of: report, to: &json)
        json.endObject()
        return json.bytes
    }

    /// The treatment-evidence section for a headline verdict and `input`, by
    /// slug and version (`treatment-evidence/v2/meets/solitary`): what a
    /// stored revision keeps instead of the tables themselves. The section
    /// depends on the headline verdict (``TreatmentEvidenceSection``), so the
    /// verdict is part of the reference.
    package func treatmentEvidenceReference(verdict: Verdict, input: CaseInput) -> String {
        Self.treatmentEvidenceReference(verdict, input.findings.boneLesionExtent)
    }

    private static func treatmentEvidenceReference(_ verdict: Verdict, _ extent: BoneLesionExtent?) -> String {
        "treatment-evidence/v2/" + verdict.rawValue + "/" + (extent?.rawValue ?? "unspecified")
    }

    /// An encoded report completed with the disclaimer and the treatment
    /// evidence section named by `reference`: the evaluation document. The one
    /// place evidence is attached, for new evaluations and for stored
    /// revisions read back. A reference this version does not know (written
    /// by a later one) attaches no evidence rather than other evidence.
    /// Without `includeTreatmentEvidence` the tables themselves are left out
    /// (`treatmentEvidenceWithheld` stays).
    package func complete(report: [UInt8], treatmentEvidence reference: String, includeTreatmentEvidence: Bool = true) -> [UInt8] {
        var members = [("disclaimer", encodedDisclaimer)]
        if let evidence = encodedEvidence[reference] {
            members += evidence.filter { includeTreatmentEvidence || $0.0 != "treatmentEvidence" }
        }
        return JSONObjectMembers.append(members, to: report)
    }

    /// Shown with every evaluation.
    public static let disclaimerText = "poemsd informs a clinician; it does not diagnose or prescribe. Verdicts apply the published criteria to the findings as given; the differential lists alternatives to exclude, not diagnoses; the treatment evidence is retrospective (seed 004: there are no randomized controlled trials in POEMS syndrome) and is shown only when the headline criteria are met or undecided."
}
