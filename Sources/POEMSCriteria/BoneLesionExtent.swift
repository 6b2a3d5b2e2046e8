/// The extent of sclerotic bone lesions.
///
/// Seed 004 distinguishes a solitary lesion, lesions in a limited area, and
/// widespread lesions (Treatment section). The engine accepts the value and
/// repeats it in the basis of the sclerotic bone lesions criterion; it does
/// not use it in any rule, and it draws no treatment conclusion from it.
///
/// Decoding rejects any other value with an error at the field's path, and
/// rejects an extent given while `scleroticBoneLesions` is `false`.
public enum BoneLesionExtent: String, Codable, Sendable, CaseIterable {
    case solitary
    case limited
    case widespread

    public init(from decoder: any Decoder) throws {
        self = try decodeStrictEnum(BoneLesionExtent.self, from: decoder, fieldName: "boneLesionExtent")
    }
}
