/// The criteria sets the engine knows, as data.
///
/// ```swift
/// for definition in CriteriaCatalog.all {
///     print(definition.id, definition.rule)
/// }
/// let imwg = CriteriaCatalog.definition(.imwg2014)
/// ```
///
/// The catalog order (2003, 2014, 2019) is the order of
/// `EvaluationReport.evaluations`.
public enum CriteriaCatalog {
    /// Every criteria set, with its evaluation logic.
    static let specs: [CriteriaSetSpec] = [Dispenzieri2003.spec, IMWG2014.spec, Suichi2019.spec]

    /// Every criteria set definition, in catalog order.
    public static let all: [CriteriaSetDefinition] = specs.map(\.definition)

    /// The definition of one criteria set.
    public static func definition(_ id: CriteriaSetID) -> CriteriaSetDefinition {
        spec(id).definition
    }

    static func spec(_ id: CriteriaSetID) -> CriteriaSetSpec {
        // Every CriteriaSetID has a spec: checked by the tests.
        specs.first { $0.definition.id == id }!
    }
}
