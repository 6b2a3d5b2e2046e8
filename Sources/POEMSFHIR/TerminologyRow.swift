import Foundation
import POEMSCriteria

/// One row of the terminology map: a (code system, code) pair and what
/// poemsd reads from a resource coded with it, with the row's source.
///
/// JSON (the seed file, `poemsd terminology import`, `GET /v1/terminology`):
///
/// ```json
/// {"system": "http://loinc.org", "code": "718-7", "display": "Hemoglobin in blood",
///  "kind": "lab", "target": "hemoglobin",
///  "source": "US Core example Observation-cbc-hemoglobin", "evidence": "confirmed"}
/// ```
///
/// `kind` and `target`:
/// - `finding`: `target` is a path in the findings object, `polyneuropathy`
///   or `organomegaly/hepatomegaly`; any finding the criteria engine accepts.
/// - `lab`: `target` is a ``LabKind`` (`hemoglobin`, `platelets`, `vegf`,
///   `vegf-serum`, `vegf-plasma`, `calcium`, `creatinine`).
/// - `monoclonal-protein`: `target` is `serum-electrophoresis`,
///   `serum-immunofixation`, `urine-immunofixation`, `band`,
///   `free-light-chains` (a kappa or lambda value), `free-light-chain-ratio`
///   or `lesion-biopsy`: a test that looks for a monoclonal protein (see
///   ``MProteinResult``).
/// - `specimen`: `target` is `serum`, `plasma` or `serum-or-plasma` (one of
///   the two, not saying which): a Specimen type code.
/// - `bone-lesion-extent`: `target` is `boneLesionExtent`: an Observation
///   whose value gives the extent of the sclerotic bone lesions
///   (``BoneLesionExtentReading``).
/// - `recorded`: a code poemsd recognises but no criterion reads (its
///   resources are listed in `unmapped` with that reason).
///
/// `evidence`: `confirmed` (a published implementation guide or the code
/// system's release), `corroborated` (secondary sources only) or `local` (an
/// operator's own mapping; `source` says whose).
public struct TerminologyRow: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case finding, lab, specimen, recorded
        case boneLesionExtent = "bone-lesion-extent"
        case monoclonalProtein = "monoclonal-protein"
    }

    public enum Evidence: String, Codable, Sendable, CaseIterable {
        case confirmed, corroborated, local
    }

    /// The tests that look for a monoclonal protein, each recorded as done
    /// in `findings.mProteinTests` (seed 004: which tests were done decides
    /// how far a negative can be trusted).
    public enum MonoclonalProteinTest: String, Sendable, CaseIterable {
        case serumElectrophoresis = "serum-electrophoresis"
        case serumImmunofixation = "serum-immunofixation"
        case urineImmunofixation = "urine-immunofixation"
        /// An M-protein band, measured by electrophoresis.
        case band
        /// A kappa or a lambda free light chain value: part of the assay;
        /// alone it says nothing (the ratio decides, with the laboratory's
        /// own reference range).
        case freeLightChains = "free-light-chains"
        /// The kappa/lambda free light chain ratio, judged by the
        /// laboratory's own reference range or interpretation.
        case freeLightChainRatio = "free-light-chain-ratio"
        /// A biopsy of a lesion (a sclerotic bone lesion) looking for clonal
        /// plasma cells: an Observation with its result, or a Procedure.
        case lesionBiopsy = "lesion-biopsy"

        /// The member of `findings.mProteinTests` the test sets.
        var findingsKey: String {
            switch self {
            case .serumElectrophoresis, .band: "serumElectrophoresis"
            case .serumImmunofixation: "serumImmunofixation"
            case .urineImmunofixation: "urineImmunofixation"
            case .freeLightChains, .freeLightChainRatio: "serumFreeLightChains"
            case .lesionBiopsy: "lesionBiopsy"
            }
        }

        /// The test in words, for messages and the report.
        var name: String {
            switch self {
            case .serumElectrophoresis: "serum protein electrophoresis"
            case .serumImmunofixation: "serum immunofixation"
            case .urineImmunofixation: "urine immunofixation"
            case .band: "M-protein band (electrophoresis)"
            case .freeLightChains: "serum free light chain value"
            case .freeLightChainRatio: "serum free light chain ratio"
            case .lesionBiopsy: "lesion biopsy"
            }
        }
    }

    /// The specimens whose VEGF thresholds differ (REFERENCES.md, Laboratory
    /// thresholds), and a specimen that is one of the two without saying
    /// which (SNOMED CT 122592007 acellular blood, serum or plasma).
    public enum Specimen: String, Sendable, CaseIterable {
        case serum, plasma
        case serumOrPlasma = "serum-or-plasma"

        /// Serum or plasma; `nil` when the specimen does not say which.
        var known: Specimen? { self == .serumOrPlasma ? nil : self }
    }

    public var system: String
    public var code: String
    public var display: String?
    public var kind: Kind
    public var target: String
    public var source: String
    public var evidence: Evidence

    public init(system: String, code: String, display: String? = nil, kind: Kind, target: String, source: String, evidence: Evidence) {
        self.system = system
        self.code = code
        self.display = display
        self.kind = kind
        self.target = target
        self.source = source
        self.evidence = evidence
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case system, code, display, kind, target, source, evidence
    }

    /// Strict: unknown fields, empty strings and targets that mean nothing
    /// to this version of the engine are errors at their path.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "a terminology row")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String {
            let value = try container.decode(String.self, forKey: key)
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty, value.count <= 1000 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.rawValue) must be 1 to 1000 characters.")
            }
            return value
        }
        system = try text(.system)
        code = try text(.code)
        display = try container.decodeIfPresent(String.self, forKey: .display)
        kind = try container.decode(Kind.self, forKey: .kind)
        target = try text(.target)
        source = try text(.source)
        evidence = try container.decode(Evidence.self, forKey: .evidence)
        if let problem = Self.targetProblem(kind: kind, target: target) {
            throw DecodingError.dataCorruptedError(forKey: .target, in: container, debugDescription: problem)
        }
    }

    /// Whether `target` means something for `kind` in this engine.
    public static func isValidTarget(kind: Kind, target: String) -> Bool {
        targetProblem(kind: kind, target: target) == nil
    }

    /// Why `target` means nothing for `kind`, or `nil` when it is valid.
    static func targetProblem(kind: Kind, target: String) -> String? {
        func oneOf(_ allowed: [String]) -> String? {
            allowed.contains(target) ? nil : "target of a \(kind.rawValue) row must be one of \(allowed.joined(separator: ", ")); got \"\(target)\"."
        }
        switch kind {
        case .lab: return oneOf(LabKind.allCases.map(\.rawValue))
        case .monoclonalProtein: return oneOf(MonoclonalProteinTest.allCases.map(\.rawValue))
        case .specimen: return oneOf(Specimen.allCases.map(\.rawValue))
        case .boneLesionExtent: return oneOf([BoneLesionExtentReading.target])
        case .recorded: return nil
        case .finding:
            return FindingPath.isAccepted(target) ? nil
                : "target of a finding row must be a finding the criteria engine accepts, such as \"polyneuropathy\" or \"organomegaly/hepatomegaly\"; got \"\(target)\"."
        }
    }
}

/// A path in the findings object (`organomegaly/hepatomegaly`), checked
/// against the criteria engine's own decoder, so that the map follows the
/// engine's findings without a list kept here.
enum FindingPath {
    static func isAccepted(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return false }
        var value = JSONValue.bool(true)
        for part in parts.reversed() { value = .object([part: value]) }
        guard let data = try? JSONEncoder().encode(JSONValue.object(["findings": value])) else { return false }
        return (try? JSONDecoder().decode(CaseInput.self, from: data)) != nil
    }
}
