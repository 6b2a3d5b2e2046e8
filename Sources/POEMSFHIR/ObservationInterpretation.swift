/// `Observation.interpretation`, as far as poemsd reads it: FHIR R4's
/// Observation Interpretation Codes (CodeSystem
/// `http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation`,
/// value set `http://hl7.org/fhir/ValueSet/observation-interpretation`): the
/// laboratory's own judgement against its own reference range.
enum ObservationInterpretation: Equatable {
    /// `N` normal.
    case normal
    /// `A`, `AA`, `H`, `HH`, `HU`, `L`, `LL`, `LU`: outside the reference range.
    case abnormal
    /// `POS` positive, `DET` detected.
    case positive
    /// `NEG` negative, `ND` not detected.
    case negative

    static let system = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

    /// The first coding of the system that poemsd reads; `nil` when none.
    init?(_ codings: [FHIRCoding]) {
        for coding in codings where coding.system == Self.system {
            switch coding.code {
            case "N": self = .normal
            case "A", "AA", "H", "HH", "HU", "L", "LL", "LU": self = .abnormal
            case "POS", "DET": self = .positive
            case "NEG", "ND": self = .negative
            default: continue
            }
            return
        }
        return nil
    }
}
