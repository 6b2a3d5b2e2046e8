/// An alternative diagnosis the findings leave open: one entry of
/// `EvaluationReport.differential`. It is raised for the clinician to
/// consider and exclude; it is not a diagnosis.
///
/// JSON:
///
/// ```json
/// {"condition": "cidp", "name": "Chronic inflammatory demyelinating polyneuropathy (CIDP)",
///  "reasons": ["..."], "toExclude": ["..."], "sources": ["seed 004, Abstract"],
///  "note": "An alternative to consider and exclude, not a diagnosis."}
/// ```
public struct DifferentialEntry: Codable, Sendable, Equatable {
    /// The stable id of the condition.
    public var condition: DifferentialCondition
    /// The condition's name, in words.
    public var name: String
    /// The findings that raised it, in words, each with its source where it
    /// quotes one.
    public var reasons: [String]
    /// The tests or examinations that would exclude it, in clinical order.
    public var toExclude: [String]
    /// Where the rule and the texts come from.
    public var sources: [String]
    /// Always ``DifferentialEntry/notADiagnosis``.
    public var note: String

    /// The note carried by every entry.
    public static let notADiagnosis = "An alternative to consider and exclude, not a diagnosis."

    public init(condition: DifferentialCondition, reasons: [String], toExclude: [String], sources: [String]) {
        self.condition = condition
        self.name = condition.name
        self.reasons = reasons
        self.toExclude = toExclude
        self.sources = sources
        self.note = Self.notADiagnosis
    }
}

/// The stable ids of ``DifferentialEntry``.
///
/// - `cidp`: polyneuropathy present and the IMWG 2014 verdict is not
///   `meets` (seeds 004, 003, 000: the usual misdiagnosis; seed 002,
///   Differential Diagnoses).
/// - `multipleMyeloma`: the IMWG 2014 requirement (marrow clonal plasma
///   cells 10% or more) with a myeloma-defining event, or a myeloma-defining
///   event with a monoclonal plasma cell disorder while the marrow is not
///   known (REFERENCES.md, IMWG 2014; seed 004; ``MyelomaDefinition``).
/// - `alAmyloidosis`: amyloid on a biopsy; a negative biopsy that is not of
///   an affected organ with a plasma cell disorder and a fitting picture; or
///   polyneuropathy with a monoclonal plasma cell disorder, IMWG 2014 not met
///   and amyloid not looked for (seed 002; seed 004; REFERENCES.md).
///
/// The report lists the entries strongest first (``DifferentialRules/Strength``).
/// - `igmNeuropathy`: an IgM monoclonal protein (REFERENCES.md, heavy chain).
/// - `castlemanDiseaseVariant`: Castleman disease without a clonal plasma
///   cell disorder (REFERENCES.md, updated criteria; seed 002).
public enum DifferentialCondition: String, Codable, Sendable, CaseIterable {
    case cidp
    case multipleMyeloma = "multiple-myeloma"
    case alAmyloidosis = "al-amyloidosis"
    case igmNeuropathy = "igm-neuropathy"
    case castlemanDiseaseVariant = "castleman-disease-variant"

    /// A short name, as used in the summary.
    public var shortName: String {
        switch self {
        case .cidp: "CIDP"
        case .multipleMyeloma: "multiple myeloma"
        case .alAmyloidosis: "AL amyloidosis"
        case .igmNeuropathy: "IgM monoclonal gammopathy neuropathy"
        case .castlemanDiseaseVariant: "the Castleman disease variant"
        }
    }

    /// The condition's name, in words.
    public var name: String {
        switch self {
        case .cidp: "Chronic inflammatory demyelinating polyneuropathy (CIDP)"
        case .multipleMyeloma: "Multiple myeloma"
        case .alAmyloidosis: "AL (primary systemic) amyloidosis"
        case .igmNeuropathy: "IgM monoclonal gammopathy neuropathy (IgM-MGUS neuropathy, Waldenström macroglobulinemia)"
        case .castlemanDiseaseVariant: "Castleman disease variant of POEMS syndrome"
        }
    }
}
