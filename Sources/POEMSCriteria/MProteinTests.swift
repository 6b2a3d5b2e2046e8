/// Which tests looked for the monoclonal protein: `findings.mProteinTests`.
///
/// JSON: `{"serumElectrophoresis": true, "serumImmunofixation": false,
/// "urineImmunofixation": null, "serumFreeLightChains": false, "lesionBiopsy": false}`
///
/// Each test is tri-state: `true` done, `false` not done, `nil` (omitted or
/// `null`) not reported. Seed 004 (Monoclonal plasmaproliferative disorder):
/// the protein "will be missed on serum protein electrophoresis in nearly one
/// third of patients if immunofixation is not also done"; the serum free light
/// chain assay and immunofixation of the urine find more; fewer than 10% have
/// no circulating protein but a biopsy-proven plasmacytoma.
///
/// When these tests are given, `monoclonalPlasmaCellDisorder: false` counts as
/// absent only when serum immunofixation, urine immunofixation and serum free
/// light chains were all done and, where a sclerotic bone lesion is present,
/// the lesion was biopsied (REFERENCES.md, "When the M-protein counts as
/// absent"); otherwise the criterion is unknown and its basis names what is
/// missing. Without them, the finding is taken as reported. Either way a
/// plasma cell disorder reported absent on an incomplete work-up raises
/// `m-protein-possibly-missed`.
///
/// Decoding rejects unknown keys and non-boolean values.
public struct MProteinTests: Codable, Sendable, Equatable {
    /// Serum protein electrophoresis.
    public var serumElectrophoresis: Bool?
    /// Immunofixation of the serum.
    public var serumImmunofixation: Bool?
    /// Immunofixation of the urine.
    public var urineImmunofixation: Bool?
    /// The serum immunoglobulin free light chain assay.
    public var serumFreeLightChains: Bool?
    /// Biopsy of a lesion (for example a sclerotic bone lesion) looking for clonal plasma cells.
    public var lesionBiopsy: Bool?

    public init(
        serumElectrophoresis: Bool? = nil, serumImmunofixation: Bool? = nil, urineImmunofixation: Bool? = nil,
        serumFreeLightChains: Bool? = nil, lesionBiopsy: Bool? = nil)
    {
        self.serumElectrophoresis = serumElectrophoresis
        self.serumImmunofixation = serumImmunofixation
        self.urineImmunofixation = urineImmunofixation
        self.serumFreeLightChains = serumFreeLightChains
        self.lesionBiopsy = lesionBiopsy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case serumElectrophoresis, serumImmunofixation, urineImmunofixation, serumFreeLightChains, lesionBiopsy
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "mProteinTests")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        serumElectrophoresis = try container.decodeIfPresent(Bool.self, forKey: .serumElectrophoresis)
        serumImmunofixation = try container.decodeIfPresent(Bool.self, forKey: .serumImmunofixation)
        urineImmunofixation = try container.decodeIfPresent(Bool.self, forKey: .urineImmunofixation)
        serumFreeLightChains = try container.decodeIfPresent(Bool.self, forKey: .serumFreeLightChains)
        lesionBiopsy = try container.decodeIfPresent(Bool.self, forKey: .lesionBiopsy)
    }

    /// Every test done, the lesion biopsy included.
    static let complete = MProteinTests(
        serumElectrophoresis: true, serumImmunofixation: true, urineImmunofixation: true,
        serumFreeLightChains: true, lesionBiopsy: true)

    /// What a negative work-up lacks before the protein counts as absent
    /// (REFERENCES.md, "When the M-protein counts as absent": serum and urine
    /// immunofixation and serum free light chains all done, and, where a
    /// sclerotic bone lesion is present, that lesion biopsied; seed 004,
    /// Monoclonal plasmaproliferative disorder), by name.
    func missingForAbsence(lesionPresent: Bool) -> [String] {
        sensitiveTestsNotDone + (lesionPresent && lesionBiopsy != true ? [Self.lesionBiopsyName] : [])
    }

    /// The lesion biopsy, in words.
    static let lesionBiopsyName = "a biopsy of the sclerotic bone lesion"

    /// Seed 004: the tests that find the protein electrophoresis misses
    /// (serum and urine immunofixation, serum free light chains), by name,
    /// that are not reported done.
    var sensitiveTestsNotDone: [String] {
        [(serumImmunofixation, "serum immunofixation"), (urineImmunofixation, "urine immunofixation"),
         (serumFreeLightChains, "serum free light chains")]
            .filter { $0.0 != true }.map(\.1)
    }
}
