/// A finding made of parts, given either as a whole or part by part.
///
/// JSON accepts either form:
///
/// ```json
/// "organomegaly": true
/// "organomegaly": {"splenomegaly": true, "hepatomegaly": false, "lymphadenopathy": null}
/// ```
///
/// (`null`, or omitting the field, means not assessed; that is the `nil` of
/// the enclosing optional.)
///
/// How a criterion reads a grouped finding: a whole-criterion boolean is
/// taken as reported. With parts, any counted part present → met; all counted
/// parts absent → not met; otherwise unknown. Which parts count depends on
/// the criteria set (for example the 2003 criteria count five skin parts, the
/// updated criteria seven), and endocrinopathy has its own rule for thyroid
/// and diabetes mellitus (seed 004, Table 1, footnote ‡).
public enum GroupedFinding<Parts: FindingParts>: Codable, Sendable, Equatable {
    /// The finding as a whole: `true` present, `false` absent.
    case whole(Bool)
    /// The finding part by part.
    case parts(Parts)

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let value = try? single.decode(Bool.self) {
            self = .whole(value)
            return
        }
        guard (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil else {
            throw Self.mismatch(at: decoder.codingPath)
        }
        self = .parts(try Parts(from: decoder))
    }

    /// The error for a value that is neither a boolean nor an object.
    static func mismatch(at path: [any CodingKey]) -> DecodingError {
        let names = Parts.parts.map { "\"\($0.id)\"" }.joined(separator: ", ")
        return .typeMismatch(GroupedFinding.self, DecodingError.Context(
            codingPath: path,
            debugDescription: "\(Parts.groupID) must be true, false, null, or an object of its parts (\(names)), each true, false or null."))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .whole(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .parts(let parts):
            try parts.encode(to: encoder)
        }
    }
}
