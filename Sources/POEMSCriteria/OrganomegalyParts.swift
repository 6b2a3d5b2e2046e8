/// The parts of the organomegaly finding.
///
/// Table 1 of seed 004 lists splenomegaly, hepatomegaly, or lymphadenopathy.
///
/// Each part is tri-state: `true` present, `false` absent, `nil` (omitted or
/// `null`) not assessed. Decoding rejects unknown keys with an error whose
/// `codingPath` ends with the unknown key.
public struct OrganomegalyParts: FindingParts {
    /// Splenomegaly (seed 004, Table 1).
    public var splenomegaly: Bool?
    /// Hepatomegaly (seed 004, Table 1).
    public var hepatomegaly: Bool?
    /// Lymphadenopathy (seed 004, Table 1).
    public var lymphadenopathy: Bool?

    public init(
        splenomegaly: Bool? = nil,
        hepatomegaly: Bool? = nil,
        lymphadenopathy: Bool? = nil)
    {
        self.splenomegaly = splenomegaly
        self.hepatomegaly = hepatomegaly
        self.lymphadenopathy = lymphadenopathy
    }

    public static let groupID = "organomegaly"

    public static let parts: [(id: String, name: String)] = [
        ("splenomegaly", "Splenomegaly"),
        ("hepatomegaly", "Hepatomegaly"),
        ("lymphadenopathy", "Lymphadenopathy"),
    ]

    public func value(of partID: String) -> Bool? {
        switch partID {
        case "splenomegaly": splenomegaly
        case "hepatomegaly": hepatomegaly
        case "lymphadenopathy": lymphadenopathy
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case splenomegaly, hepatomegaly, lymphadenopathy
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "organomegaly")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        splenomegaly = try container.decodeIfPresent(Bool.self, forKey: .splenomegaly)
        hepatomegaly = try container.decodeIfPresent(Bool.self, forKey: .hepatomegaly)
        lymphadenopathy = try container.decodeIfPresent(Bool.self, forKey: .lymphadenopathy)
    }
}
