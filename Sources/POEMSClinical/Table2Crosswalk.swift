/// Which row of seed 004's Table 2 (clinical features, by series) a
/// criterion of the engine corresponds to, for comparing a service's case
/// counts with the published frequencies (`GET /v1/stats`, the dashboard).
public enum Table2Crosswalk {
    /// Criterion → Table 2 row (seed 004), where Table 2 has a matching row.
    /// VEGF is not in Table 2; Table 2 reports thrombocytosis and
    /// polycythemia separately, so the combined IMWG criterion has no single row.
    public static let rows: [String: String] = [
        "polyneuropathy": "peripheral-neuropathy",
        "monoclonalPlasmaCellDisorder": "monoclonal-plasma-cell-dyscrasia",
        "organomegaly": "organomegaly",
        "endocrinopathy": "endocrinopathy",
        "skinChanges": "skin-changes",
        "scleroticBoneLesions": "sclerotic-bone-lesions",
        "papilledema": "papilledema",
        "extravascularVolumeOverload": "extravascular-volume-overload",
        "castlemanDisease": "castleman-disease",
    ]

    /// The Table 2 column compared with, and its printed n (seed 004, Table 2 header).
    public static let column = "dispenzieri2003"
}
