/// The parts of the endocrinopathy finding.
///
/// Table 1 of seed 004 lists adrenal, thyroid, pituitary, gonadal, parathyroid
/// and pancreatic endocrinopathy. `pancreatic` means diabetes mellitus.
/// Footnote ‡: because of the high prevalence of diabetes mellitus and thyroid
/// abnormalities, this diagnosis alone is not sufficient to meet the
/// criterion; the engine applies this rule (see ``CriteriaEngine``).
///
/// Each part is tri-state: `true` present, `false` absent, `nil` (omitted or
/// `null`) not assessed. Decoding rejects unknown keys with an error whose
/// `codingPath` ends with the unknown key.
public struct EndocrinopathyParts: FindingParts {
    /// Adrenal (seed 004, Table 1).
    public var adrenal: Bool?
    /// Thyroid (seed 004, Table 1, footnote ‡).
    public var thyroid: Bool?
    /// Pituitary (seed 004, Table 1).
    public var pituitary: Bool?
    /// Gonadal (seed 004, Table 1).
    public var gonadal: Bool?
    /// Parathyroid (seed 004, Table 1).
    public var parathyroid: Bool?
    /// Pancreatic (diabetes mellitus) (seed 004, Table 1, footnote ‡).
    public var pancreatic: Bool?

    public init(
        adrenal: Bool? = nil,
        thyroid: Bool? = nil,
        pituitary: Bool? = nil,
        gonadal: Bool? = nil,
        parathyroid: Bool? = nil,
        pancreatic: Bool? = nil)
    {
        self.adrenal = adrenal
        self.thyroid = thyroid
        self.pituitary = pituitary
        self.gonadal = gonadal
        self.parathyroid = parathyroid
        self.pancreatic = pancreatic
    }

    public static let groupID = "endocrinopathy"

    public static let parts: [(id: String, name: String)] = [
        ("adrenal", "Adrenal"),
        ("thyroid", "Thyroid"),
        ("pituitary", "Pituitary"),
        ("gonadal", "Gonadal"),
        ("parathyroid", "Parathyroid"),
        ("pancreatic", "Pancreatic (diabetes mellitus)"),
    ]

    public func value(of partID: String) -> Bool? {
        switch partID {
        case "adrenal": adrenal
        case "thyroid": thyroid
        case "pituitary": pituitary
        case "gonadal": gonadal
        case "parathyroid": parathyroid
        case "pancreatic": pancreatic
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case adrenal, thyroid, pituitary, gonadal, parathyroid, pancreatic
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "endocrinopathy")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        adrenal = try container.decodeIfPresent(Bool.self, forKey: .adrenal)
        thyroid = try container.decodeIfPresent(Bool.self, forKey: .thyroid)
        pituitary = try container.decodeIfPresent(Bool.self, forKey: .pituitary)
        gonadal = try container.decodeIfPresent(Bool.self, forKey: .gonadal)
        parathyroid = try container.decodeIfPresent(Bool.self, forKey: .parathyroid)
        pancreatic = try container.decodeIfPresent(Bool.self, forKey: .pancreatic)
    }
}
