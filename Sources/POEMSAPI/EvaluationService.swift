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
    /// The evidence members, encoded once per verdict and bone-lesion extent
    /// (twelve possible documents): encoding them per request was most of the
    /// cost of an evaluation (see BENCHMARKS.md).
    private let encodedEvidence: [String: [(String, [UInt8])]]
    private let encodedDisclaimer: [UInt8]

    public init(settings: EvaluationSettings = .init(), defaultCriteriaSet: CriteriaSetID = .imwg2014) {
        engine = CriteriaEngine(settings: settings)
        self.defaultCriteriaSet = defaultCriteriaSet
        var encoded: [String: [(String, [UInt8])]] = [:]
        for verdict in Verdict.allCases {
            for extent in [nil] + POEMSCriteria.BoneLesionExtent.allCases {
                // Static data of known shape: encoding cannot fail.
                encoded[Self.key(verdict, extent)] = try! TreatmentEvidenceSection.forVerdict(verdict, boneLesionExtent: extent).members()
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
    public func evaluateJSON(_ input: CaseInput, headline: CriteriaSetID? = nil, includeTreatmentEvidence: Bool = false) -> [UInt8] {
        encode(report: engine.evaluate(input, headline: headline ?? defaultCriteriaSet), input: input,
               includeTreatmentEvidence: includeTreatmentEvidence)
    }

    /// The response document for a report the engine made from `input`.
    /// The report's members come first (sorted, as ``JSONCoding`` sorts
    /// them), then the disclaimer and the evidence members.
    func encode(report: EvaluationReport, input: CaseInput, includeTreatmentEvidence: Bool = true) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        EvaluationReportJSON.writeMembers(of: report, to: &json)
        json.key("disclaimer"); json.raw(encodedDisclaimer)
        for (name, value) in encodedEvidence[Self.key(report.verdict, input.findings.boneLesionExtent)] ?? []
        where includeTreatmentEvidence || name != "treatmentEvidence" {
            json.key(name); json.raw(value)
        }
        json.endObject()
        return json.bytes
    }

    /// Shown with every evaluation.
    public static let disclaimerText = "poemsd informs a clinician; it does not diagnose or prescribe. Verdicts apply the published criteria to the findings as given; the differential lists alternatives to exclude, not diagnoses; the treatment evidence is retrospective (seed 004: there are no randomized controlled trials in POEMS syndrome) and is shown only when the headline criteria are met or undecided."

    private static func key(_ verdict: Verdict, _ extent: POEMSCriteria.BoneLesionExtent?) -> String {
        verdict.rawValue + "|" + (extent?.rawValue ?? "")
    }
}
