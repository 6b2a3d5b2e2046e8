/// The diagnostic criteria sets the engine evaluates.
///
/// Every evaluation reports all three sets; the one named as `headline` gives
/// the report's top-level verdict.
///
/// - `dispenzieri2003`: Table 1 of seed 004 (Dispenzieri et al., Blood
///   2003;101:2496–2506).
/// - `imwg2014`: the updated criteria (Rajkumar et al., Lancet Oncol
///   2014;15:e538–e548; Dispenzieri, Am J Hematol 2019/2023), per REFERENCES.md.
/// - `suichi2019`: Suichi et al., J Neurol Neurosurg Psychiatry
///   2019;90:133–137, per REFERENCES.md.
public enum CriteriaSetID: String, CaseIterable, Codable, Sendable {
    case dispenzieri2003 = "dispenzieri-2003"
    case imwg2014 = "imwg-2014"
    case suichi2019 = "suichi-2019"
}

extension CriteriaSetID {
    /// The set's name in a few words, as the summary and the CDS cards use
    /// it: "Dispenzieri 2003", "IMWG 2014", "Suichi 2019".
    public var shortName: String {
        switch self {
        case .dispenzieri2003: "Dispenzieri 2003"
        case .imwg2014: "IMWG 2014"
        case .suichi2019: "Suichi 2019"
        }
    }

    /// The set's name for a CDS card's `source.label`: short, and the name
    /// the set is known by.
    public var sourceLabel: String {
        switch self {
        case .dispenzieri2003: "POEMS criteria, Dispenzieri 2003"
        case .imwg2014: "Updated POEMS criteria, IMWG 2014"
        case .suichi2019: "POEMS criteria, Suichi 2019"
        }
    }
}
