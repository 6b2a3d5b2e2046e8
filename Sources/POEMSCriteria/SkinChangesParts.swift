/// The parts of the skin changes finding.
///
/// Table 1 of seed 004 (2003 criteria) lists five: hyperpigmentation,
/// hypertrichosis, plethora, hemangiomata, white nails. The updated criteria
/// (REFERENCES.md) add acrocyanosis and flushing and specify glomeruloid
/// hemangiomata. Each criteria set counts only the parts it lists.
///
/// Each part is tri-state: `true` present, `false` absent, `nil` (omitted or
/// `null`) not assessed. Decoding rejects unknown keys with an error whose
/// `codingPath` ends with the unknown key.
public struct SkinChangesParts: FindingParts {
    /// Hyperpigmentation (seed 004, Table 1).
    public var hyperpigmentation: Bool?
    /// Hypertrichosis (seed 004, Table 1).
    public var hypertrichosis: Bool?
    /// Hemangiomata (seed 004, Table 1; glomeruloid per REFERENCES.md, updated criteria).
    public var hemangiomata: Bool?
    /// Plethora (seed 004, Table 1).
    public var plethora: Bool?
    /// Acrocyanosis (REFERENCES.md, updated criteria only).
    public var acrocyanosis: Bool?
    /// Flushing (REFERENCES.md, updated criteria only).
    public var flushing: Bool?
    /// White nails (seed 004, Table 1).
    public var whiteNails: Bool?

    public init(
        hyperpigmentation: Bool? = nil,
        hypertrichosis: Bool? = nil,
        hemangiomata: Bool? = nil,
        plethora: Bool? = nil,
        acrocyanosis: Bool? = nil,
        flushing: Bool? = nil,
        whiteNails: Bool? = nil)
    {
        self.hyperpigmentation = hyperpigmentation
        self.hypertrichosis = hypertrichosis
        self.hemangiomata = hemangiomata
        self.plethora = plethora
        self.acrocyanosis = acrocyanosis
        self.flushing = flushing
        self.whiteNails = whiteNails
    }

    public static let groupID = "skinChanges"

    public static let parts: [(id: String, name: String)] = [
        ("hyperpigmentation", "Hyperpigmentation"),
        ("hypertrichosis", "Hypertrichosis"),
        ("hemangiomata", "Hemangiomata"),
        ("plethora", "Plethora"),
        ("acrocyanosis", "Acrocyanosis"),
        ("flushing", "Flushing"),
        ("whiteNails", "White nails"),
    ]

    public func value(of partID: String) -> Bool? {
        switch partID {
        case "hyperpigmentation": hyperpigmentation
        case "hypertrichosis": hypertrichosis
        case "hemangiomata": hemangiomata
        case "plethora": plethora
        case "acrocyanosis": acrocyanosis
        case "flushing": flushing
        case "whiteNails": whiteNails
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hyperpigmentation, hypertrichosis, hemangiomata, plethora, acrocyanosis, flushing, whiteNails
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "skinChanges")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hyperpigmentation = try container.decodeIfPresent(Bool.self, forKey: .hyperpigmentation)
        hypertrichosis = try container.decodeIfPresent(Bool.self, forKey: .hypertrichosis)
        hemangiomata = try container.decodeIfPresent(Bool.self, forKey: .hemangiomata)
        plethora = try container.decodeIfPresent(Bool.self, forKey: .plethora)
        acrocyanosis = try container.decodeIfPresent(Bool.self, forKey: .acrocyanosis)
        flushing = try container.decodeIfPresent(Bool.self, forKey: .flushing)
        whiteNails = try container.decodeIfPresent(Bool.self, forKey: .whiteNails)
    }
}
