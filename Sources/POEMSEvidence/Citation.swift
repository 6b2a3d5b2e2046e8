/// The citation line printed under a table of seed 004.
///
/// `printed` is the line as printed (PDF line breaks and double spaces joined
/// into single spaces); the other fields break it down for clients.
public struct Citation: Sendable, Codable, Equatable {
    /// The citation exactly as printed with the table.
    public let printed: String
    /// "Dispenzieri et al."
    public let authors: String
    /// "POEMS Syndrome: Definitions and Long-term Outcome"
    public let articleTitle: String
    /// "Blood"
    public let journal: String
    /// 2003
    public let year: Int
    /// 101
    public let volume: Int
    /// "2496-2506"
    public let pages: String
    /// The seed document and table in which the citation is printed.
    public let source: SourceReference

    public init(printed: String, authors: String, articleTitle: String, journal: String,
                year: Int, volume: Int, pages: String, source: SourceReference) {
        self.printed = printed
        self.authors = authors
        self.articleTitle = articleTitle
        self.journal = journal
        self.year = year
        self.volume = volume
        self.pages = pages
        self.source = source
    }

    /// The Blood 2003;101:2496-2506 article, with the line printed under a table.
    static func blood2003(printed: String, table: Int) -> Citation {
        Citation(printed: printed,
                 authors: "Dispenzieri et al.",
                 articleTitle: "POEMS Syndrome: Definitions and Long-term Outcome",
                 journal: "Blood", year: 2003, volume: 101, pages: "2496-2506",
                 source: SourceReference(seed: "004", section: "Table \(table)"))
    }

    /// Seed 004, Tables 3 and 4: "This research was originally published in Blood. …"
    static let originallyPublishedLine =
        "This research was originally published in Blood. Dispenzieri et al. POEMS Syndrome: Definitions and Long-term Outcome. Blood. 2003;101:2496-2506. © by the American Society of Hematology."

    /// Seed 004, Table 2: "This table was modified from table originally published in Blood. …"
    static let modifiedFromLine =
        "This table was modified from table originally published in Blood. Dispenzieri et al. POEMS Syndrome: Definitions and Long-term Outcome. Blood. 2003;101:2496-2506. © by the American Society of Hematology."
}
