import HTTPServer
import POEMSClinical
import POEMSFHIR

/// The body of `POST /cds-services/{service}/feedback` (CDS Hooks 2.0):
/// `{"feedback": [{"card": UUID, "outcome": "accepted" | "overridden",
/// "overrideReason": {"reason": Coding, "userComment": "..."},
/// "outcomeTimestamp": "..."}]}`. The reason's `system|code` is kept; the
/// clinician's comment is not (it may name the patient). A reason of this
/// service's own system must be one of ``CDSOverrideReasons``; another
/// system's (a CDS client may offer reasons of its own) is kept as given.
enum CDSFeedback {
    struct Entry: Equatable {
        let card: String
        let outcome: String
        let overrideReason: String?
        let outcomeTimestamp: String
    }

    /// Most entries accepted in one call.
    static let maximumEntries = 100

    /// `overrideSystem`: the system of ``CDSOverrideReasons``.
    static func decode(_ request: HTTPRequest, overrideSystem: String) throws -> [Entry] {
        guard case .object(let body) = try request.jsonValue(),
              case .array(let items)? = body["feedback"], !items.isEmpty, items.count <= maximumEntries else {
            throw ProblemDetails.invalidField("feedback must be an array of 1 to \(maximumEntries) entries.", pointer: "/feedback")
        }
        return try items.enumerated().map { index, item in
            let pointer = "/feedback/\(index)"
            guard case .object(let entry) = item else { throw ProblemDetails.invalidField("Each feedback entry is an object.", pointer: pointer) }
            func text(_ name: String, limit: Int = 256) throws -> String {
                guard case .string(let value)? = entry[name], !value.isEmpty, value.count <= limit else {
                    throw ProblemDetails.invalidField("\(name) must be a string of 1 to \(limit) characters.", pointer: "\(pointer)/\(name)")
                }
                return value
            }
            let outcome = try text("outcome")
            guard ["accepted", "overridden"].contains(outcome) else {
                throw ProblemDetails.invalidField("outcome must be accepted or overridden.", pointer: "\(pointer)/outcome")
            }
            var reason: String?
            if case .object(let override)? = entry["overrideReason"], case .object(let coding)? = override["reason"],
               case .string(let code)? = coding["code"] {
                let system: String
                if case .string(let value)? = coding["system"] { system = value } else { system = "" }
                if system == overrideSystem, !CDSOverrideReasons.isKnown(code) {
                    throw ProblemDetails.invalidField("The code is not an override reason of this service; its codes: "
                        + CDSOverrideReasons.reasons.map(\.code).joined(separator: ", ") + ".", pointer: "\(pointer)/overrideReason/reason/code")
                }
                reason = String("\(system)|\(code)".prefix(512))
            }
            if reason != nil, outcome != "overridden" {
                throw ProblemDetails.invalidField("overrideReason belongs to an overridden card.", pointer: "\(pointer)/overrideReason")
            }
            return Entry(card: try text("card"), outcome: outcome, overrideReason: reason, outcomeTimestamp: try text("outcomeTimestamp", limit: 64))
        }
    }
}
