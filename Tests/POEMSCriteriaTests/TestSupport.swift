import Foundation
@testable import POEMSCriteria

/// Decodes a request body.
func decode(_ json: String) throws -> CaseInput {
    try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8))
}

/// Decodes and evaluates a request body.
func evaluate(
    _ json: String,
    headline: CriteriaSetID = .imwg2014,
    settings: EvaluationSettings = .init()) throws -> EvaluationReport
{
    CriteriaEngine(settings: settings).evaluate(try decode(json), headline: headline)
}

/// Evaluates a request body made of a `findings` object only.
func evaluate(findings: String, labs: String? = nil, patient: String? = nil) throws -> EvaluationReport {
    var body = "{\"findings\": \(findings)"
    if let labs { body += ", \"labs\": \(labs)" }
    if let patient { body += ", \"patient\": \(patient)" }
    body += "}"
    return try evaluate(body)
}

/// The failure of decoding a request body, as the HTTP layer would see it.
struct DecodingFailure {
    /// `dataCorrupted`, `typeMismatch`, `keyNotFound` or `valueNotFound`.
    var kind: String
    /// The RFC 6901 pointer built from the coding path.
    var pointer: String
    var message: String
}

/// Decodes `json`, expecting a `DecodingError`; `nil` if decoding succeeds.
func decodingFailure(_ json: String) -> DecodingFailure? {
    do {
        _ = try decode(json)
        return nil
    } catch let error as DecodingError {
        func pointer(_ path: [any CodingKey]) -> String {
            path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        }
        switch error {
        case .dataCorrupted(let context):
            return DecodingFailure(kind: "dataCorrupted", pointer: pointer(context.codingPath), message: context.debugDescription)
        case .typeMismatch(_, let context):
            return DecodingFailure(kind: "typeMismatch", pointer: pointer(context.codingPath), message: context.debugDescription)
        case .valueNotFound(_, let context):
            return DecodingFailure(kind: "valueNotFound", pointer: pointer(context.codingPath), message: context.debugDescription)
        case .keyNotFound(let key, let context):
            return DecodingFailure(kind: "keyNotFound", pointer: pointer(context.codingPath + [key]), message: context.debugDescription)
        @unknown default:
            return DecodingFailure(kind: "unknown", pointer: "", message: "\(error)")
        }
    } catch {
        return DecodingFailure(kind: "not a DecodingError: \(error)", pointer: "", message: "")
    }
}

extension EvaluationReport {
    func status(_ set: CriteriaSetID, _ criterion: String) -> CriterionStatus? {
        evaluation(set)?.criterion(criterion)?.status
    }

    func basis(_ set: CriteriaSetID, _ criterion: String) -> String {
        evaluation(set)?.criterion(criterion)?.basis ?? ""
    }

    func verdict(_ set: CriteriaSetID) -> Verdict? {
        evaluation(set)?.verdict
    }

    func undetermined(_ set: CriteriaSetID) -> [String] {
        evaluation(set)?.undetermined ?? []
    }

    var warningCodes: [WarningCode] {
        warnings.map(\.code)
    }

    func feature(_ id: String) -> AssociatedFeature? {
        associatedFeatures.first { $0.id == id }
    }
}
