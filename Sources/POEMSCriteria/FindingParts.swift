/// The parts of a grouped finding (organomegaly, extravascular volume
/// overload, endocrinopathy, skin changes).
///
/// Conforming types are ``OrganomegalyParts``,
/// ``ExtravascularVolumeOverloadParts``, ``EndocrinopathyParts`` and
/// ``SkinChangesParts``. Each part is tri-state: `true` present, `false`
/// absent, `nil` not assessed.
public protocol FindingParts: Codable, Sendable, Equatable {
    /// The request field of the grouped finding, e.g. `"organomegaly"`.
    static var groupID: String { get }
    /// Every part this type accepts, in order, with its display name.
    static var parts: [(id: String, name: String)] { get }
    /// The value of the part `partID`; `nil` if not assessed or unknown id.
    func value(of partID: String) -> Bool?
}

extension FindingParts {
    /// The display name of a part.
    static func name(of partID: String) -> String {
        parts.first { $0.id == partID }?.name ?? partID
    }
}
