/// Where the data of a table come from, when its printed caption names
/// another paper: said beside the caption, which is kept as printed.
///
/// JSON: `{"text": "...", "citation": "...", "source": "..."}`
public struct DataOrigin: Sendable, Encodable, Equatable {
    /// The origin, in words.
    public let text: String
    /// The paper the data come from.
    public let citation: String
    /// Where that attribution comes from.
    public let source: String

    /// Seed 004, Table 4: the 16-patient Mayo transplant series.
    ///
    /// Seed 004's Figure 2 caption names the series ("Sixteen Mayo Clinic
    /// patients ... Blood. 2004;104:3400-3407"); Table 4's caption prints the
    /// 2003 paper. REFERENCES.md: keep the caption as printed and name the
    /// 2004 series as the data's origin.
    public static let transplantSeries2004 = DataOrigin(
        text: "The data of Table 4 are the Mayo Clinic series of 16 patients treated with peripheral blood stem cell transplantation (median follow-up 10.8 months). Seed 004 prints Table 4 with the citation of the 2003 paper; the caption is kept as printed, and the series is the one its Figure 2 caption names.",
        citation: "Dispenzieri A, et al. Peripheral blood stem cell transplantation in 16 patients with POEMS syndrome, and a review of the literature. Blood. 2004;104:3400-3407.",
        source: "seed 004, Figure 2 caption; REFERENCES.md, Table 4's data")
}
