/// The parts of the extravascular volume overload finding.
///
/// Table 1 of seed 004 names the criterion "Edema (edema, pleural effusion, or
/// ascites)"; the updated criteria call it extravascular volume overload
/// (REFERENCES.md).
///
/// Each part is tri-state: `true` present, `false` absent, `nil` (omitted or
/// `null`) not assessed. Decoding rejects unknown keys with an error whose
/// `codingPath` ends with the unknown key.
public struct ExtravascularVolumeOverloadParts: FindingParts {
    /// Peripheral edema (seed 004, Table 1 (edema); Table 2 (peripheral edema)).
    public var peripheralEdema: Bool?
    /// Pleural effusion (seed 004, Table 1).
    public var pleuralEffusion: Bool?
    /// Ascites (seed 004, Table 1).
    public var ascites: Bool?

    public init(
        peripheralEdema: Bool? = nil,
        pleuralEffusion: Bool? = nil,
        ascites: Bool? = nil)
    {
        self.peripheralEdema = peripheralEdema
        self.pleuralEffusion = pleuralEffusion
        self.ascites = ascites
    }

    public static let groupID = "extravascularVolumeOverload"

    public static let parts: [(id: String, name: String)] = [
        ("peripheralEdema", "Peripheral edema"),
        ("pleuralEffusion", "Pleural effusion"),
        ("ascites", "Ascites"),
    ]

    public func value(of partID: String) -> Bool? {
        switch partID {
        case "peripheralEdema": peripheralEdema
        case "pleuralEffusion": pleuralEffusion
        case "ascites": ascites
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case peripheralEdema, pleuralEffusion, ascites
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "extravascularVolumeOverload")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        peripheralEdema = try container.decodeIfPresent(Bool.self, forKey: .peripheralEdema)
        pleuralEffusion = try container.decodeIfPresent(Bool.self, forKey: .pleuralEffusion)
        ascites = try container.decodeIfPresent(Bool.self, forKey: .ascites)
    }
}
