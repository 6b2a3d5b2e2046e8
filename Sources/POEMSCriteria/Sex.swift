/// A patient's sex, as used by the polycythemia thresholds of seed 004,
/// Table 2 (hemoglobin above 15 g/dL in females, above 17 g/dL in males).
///
/// Decoding rejects any other value with an error at the field's path.
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female
    case male

    public init(from decoder: any Decoder) throws {
        self = try decodeStrictEnum(Sex.self, from: decoder, fieldName: "sex")
    }
}
