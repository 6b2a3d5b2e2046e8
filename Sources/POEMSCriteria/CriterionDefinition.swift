/// One criterion of a criteria set, as published by ``CriteriaCatalog``.
///
/// JSON:
///
/// ```json
/// {"id": "endocrinopathy", "name": "Endocrinopathy", "role": "minor",
///  "parts": [{"id": "thyroid", "name": "Thyroid", "note": "‡ ..."}],
///  "footnotes": [{"mark": "‡", "text": "..."}],
///  "note": "...", "source": "seed 004, Table 1"}
/// ```
///
/// The `id` is the request field that feeds the criterion (a key of
/// `findings`), except `thrombocytosisOrPolycythemia`, which is fed by the
/// `thrombocytosis` and `polycythemia` findings listed as its parts.
public struct CriterionDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: CriterionRole
    /// The parts the source lists for this criterion; empty when it lists
    /// none (then `note` says which input parts are counted, if any).
    public var parts: [PartDefinition]
    /// The source's footnotes attached to this criterion.
    public var footnotes: [Footnote]
    /// How the engine reads the criterion, where it needs saying.
    public var note: String?
    /// Where the criterion comes from.
    public var source: String

    public init(
        id: String, name: String, role: CriterionRole,
        parts: [PartDefinition] = [], footnotes: [Footnote] = [],
        note: String? = nil, source: String)
    {
        self.id = id
        self.name = name
        self.role = role
        self.parts = parts
        self.footnotes = footnotes
        self.note = note
        self.source = source
    }
}

/// One part of a grouped criterion, e.g. splenomegaly in organomegaly.
///
/// JSON: `{"id": "splenomegaly", "name": "Splenomegaly"}` (`note` only when
/// present).
public struct PartDefinition: Codable, Sendable, Equatable {
    /// The key of the part in the request's parts object.
    public var id: String
    public var name: String
    public var note: String?

    public init(id: String, name: String, note: String? = nil) {
        self.id = id
        self.name = name
        self.note = note
    }
}
