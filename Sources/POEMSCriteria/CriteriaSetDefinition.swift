/// A criteria set as published by ``CriteriaCatalog``: complete enough for a
/// client to render an input form and explain the rule.
///
/// JSON:
///
/// ```json
/// {"id": "dispenzieri-2003", "version": "2003", "title": "...",
///  "citation": "...", "rule": "...",
///  "requirements": [{"role": "major", "minimum": 2, "criteria": ["polyneuropathy", "monoclonalPlasmaCellDisorder"]}],
///  "criteria": [CriterionDefinition...],
///  "associatedFeatures": [AssociatedFeatureDefinition...],
///  "footnotes": [{"mark": "*", "text": "..."}],
///  "notes": ["..."],
///  "sourceAttributes": SourceAttributes}
/// ```
public struct CriteriaSetDefinition: Codable, Sendable, Equatable {
    public var id: CriteriaSetID
    /// The edition of the criteria, e.g. `"2003"`.
    public var version: String
    public var title: String
    public var citation: String
    /// The rule in words.
    public var rule: String
    /// The rule as data: all clauses must hold.
    public var requirements: [Requirement]
    public var criteria: [CriterionDefinition]
    public var associatedFeatures: [AssociatedFeatureDefinition]
    /// The source table's footnotes, verbatim.
    public var footnotes: [Footnote]
    /// Further statements of the sources that bear on reading the set, each
    /// with its source.
    public var notes: [String]
    /// The citations, developer, funding, dates and patient attributes used.
    public var sourceAttributes: SourceAttributes

    public init(
        id: CriteriaSetID, version: String, title: String, citation: String, rule: String,
        requirements: [Requirement], criteria: [CriterionDefinition],
        associatedFeatures: [AssociatedFeatureDefinition], footnotes: [Footnote], notes: [String],
        sourceAttributes: SourceAttributes)
    {
        self.id = id
        self.version = version
        self.title = title
        self.citation = citation
        self.rule = rule
        self.requirements = requirements
        self.criteria = criteria
        self.associatedFeatures = associatedFeatures
        self.footnotes = footnotes
        self.notes = notes
        self.sourceAttributes = sourceAttributes
    }
}
