/// A feature associated with POEMS syndrome that is not a criterion of the
/// set: Table 1's known and possible associations (seed 004), or the updated
/// criteria's other signs (REFERENCES.md).
///
/// JSON: `{"id": "clubbing", "name": "Clubbing", "kind": "known", "source": "..."}`
///
/// Associated features never change a verdict. The `id` is the request field
/// of the finding.
public struct AssociatedFeatureDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: AssociatedFeatureKind
    public var source: String

    public init(id: String, name: String, kind: AssociatedFeatureKind, source: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.source = source
    }
}

/// How a source classifies an associated feature.
///
/// - `known`: a known association (seed 004, Table 1).
/// - `possible`: a possible association (seed 004, Table 1).
/// - `otherSign`: an other sign of the updated criteria (REFERENCES.md).
public enum AssociatedFeatureKind: String, Codable, Sendable, CaseIterable {
    case known
    case possible
    case otherSign = "other-sign"
}
