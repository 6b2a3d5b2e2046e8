/// Seed 004, Table 4 — "Response after PBSCT (median follow-up 10.8 months)*"
/// (16 Mayo Clinic patients; citation printed as Blood 2003;101:2496-2506),
/// reproduced cell for cell.
///
/// Served as `GET /v1/evidence/transplant-response`.
public struct TransplantResponseTable: Sendable, Encodable {
    /// `"transplant-response"`.
    public let id: String
    /// 4.
    public let number: Int
    /// Title without the "Table 4." prefix and without its footnote mark.
    public let title: String
    /// "Table 4. Response after PBSCT (median follow-up 10.8 months)*", as printed.
    public let printedTitle: String
    /// `["*"]`: "*1 died before evaluation and 1 too soon to evaluate" is printed on the title.
    public let titleFootnotes: [String]
    /// The citation printed under the table (the 2003 paper), kept as printed.
    public let citation: Citation
    /// Where the data come from: the 2004 transplant series (``DataOrigin/transplantSeries2004``).
    public let dataSource: DataOrigin
    /// `domain`, `n`, `response`, `stable`, `notEvaluated`.
    public let columns: [TableColumn]
    /// Domains and their sub-rows, in printed order (sub-rows follow their parent).
    public let rows: [TransplantResponseRow]
    public let footnotes: [Footnote]
    public let reminder: String

    /// The row with this slug, if any.
    public func row(slug: String) -> TransplantResponseRow? {
        rows.first { $0.slug == slug }
    }

    /// The sub-rows of a domain.
    public func children(of slug: String) -> [TransplantResponseRow] {
        rows.filter { $0.parentSlug == slug }
    }
}

/// One row of Table 4: a domain (`parentSlug == nil`) or one of its sub-rows.
public struct TransplantResponseRow: Sendable, Encodable, Equatable {
    /// Stable URL-safe id, unique within the table, e.g. `"spep-evaluable"`.
    public let slug: String
    /// The row label as printed, e.g. "Nerve conduction studies (at 1 yr)".
    public let label: String
    /// Slug of the domain this row belongs to; `nil` for a domain row.
    public let parentSlug: String?
    /// Footnote marks printed on the label (none in Table 4; marks sit on cells).
    public let footnotes: [String]
    public let cells: TransplantResponseCells

    private enum CodingKeys: String, CodingKey { case slug, label, parentSlug, footnotes, cells }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(label, forKey: .label)
        try c.encode(parentSlug, forKey: .parentSlug)   // explicit null for domain rows
        try c.encode(footnotes, forKey: .footnotes)
        try c.encode(cells, forKey: .cells)
    }

    /// The cell under a numeric column.
    public subscript(column: TransplantResponseColumn) -> EvidenceCell {
        switch column {
        case .n: cells.n
        case .response: cells.response
        case .stable: cells.stable
        case .notEvaluated: cells.notEvaluated
        }
    }
}

/// The numeric cells of a Table 4 row. Percent cells carry a derived count of N.
public struct TransplantResponseCells: Sendable, Encodable, Equatable {
    /// "N" — patients evaluable in that row.
    public let n: EvidenceCell
    /// "Response, %".
    public let response: EvidenceCell
    /// "Stable, %".
    public let stable: EvidenceCell
    /// "Not evaluated, %".
    public let notEvaluated: EvidenceCell
}

/// The numeric columns of Table 4, by stable key.
public enum TransplantResponseColumn: String, Sendable, Codable, CaseIterable {
    case n, response, stable, notEvaluated
}

extension TransplantResponseTable {
    static func makeRow(_ slug: String, _ label: String, parent: String? = nil, _ cells: [String],
                        cellMarks: [TransplantResponseColumn: [String]] = [:]) -> TransplantResponseRow {
        precondition(cells.count == 4)
        func cell(_ i: Int, _ column: TransplantResponseColumn) -> EvidenceCell {
            EvidenceCell(printed: cells[i], footnotes: cellMarks[column] ?? [])
        }
        let n = cell(0, .n)
        return TransplantResponseRow(
            slug: slug, label: label, parentSlug: parent, footnotes: [],
            cells: TransplantResponseCells(
                n: n,
                response: cell(1, .response).withDerivedCount(n: n),
                stable: cell(2, .stable).withDerivedCount(n: n),
                notEvaluated: cell(3, .notEvaluated).withDerivedCount(n: n)))
    }

    /// Seed 004, Table 4, every row and footnote as printed (`…` kept as a missing value).
    public static let dispenzieri: TransplantResponseTable = {
        let rows: [TransplantResponseRow] = [
            // Seed 004 Table 4, lines "Neurologic 16 87 … 13" to "Pulmonary 15 20 … 80".
            makeRow("neurologic", "Neurologic", ["16", "87", "…", "13"]),
            makeRow("subjective", "Subjective", parent: "neurologic", ["16", "87", "…", "13"]),
            makeRow("nerve-conduction-studies", "Nerve conduction studies (at 1 yr)", parent: "neurologic",
                    ["11", "36", "9", "55"]),
            // "Neuropathy impairment score 16† 25 12 56" — † on the N.
            makeRow("neuropathy-impairment-score", "Neuropathy impairment score", parent: "neurologic",
                    ["16", "25", "12", "56"], cellMarks: [.n: ["†"]]),
            makeRow("hematologic", "Hematologic", ["16", "56", "6", "37"]),
            makeRow("non-secretory", "Non-secretory", parent: "hematologic", ["3", "NA", "NA", "100"]),
            makeRow("immunofixation-only", "Immunofixation only", parent: "hematologic", ["7", "43", "14", "43"]),
            // "SPEP evaluable 6 100‡ … …" — ‡ on the 100.
            makeRow("spep-evaluable", "SPEP evaluable", parent: "hematologic", ["6", "100", "…", "…"],
                    cellMarks: [.response: ["‡"]]),
            makeRow("organ", "Organ", ["11", "82", "…", "18"]),
            makeRow("hepatomegaly", "Hepatomegaly", parent: "organ", ["5", "60", "…", "40"]),
            makeRow("splenomegaly", "Splenomegaly", parent: "organ", ["10", "50", "20", "30"]),
            makeRow("lymphadenopathy", "Lymphadenopathy", parent: "organ", ["7", "71", "29", "0"]),
            makeRow("extravascular-volume-overload", "Extravascular volume overload", ["14", "79", "…", "21"]),
            makeRow("ascites", "Ascites", parent: "extravascular-volume-overload", ["6", "83", "…", "17"]),
            makeRow("effusion", "Effusion", parent: "extravascular-volume-overload", ["4", "100", "…", "…"]),
            makeRow("edema", "Edema", parent: "extravascular-volume-overload", ["14", "79", "…", "21"]),
            makeRow("skin-changes", "Skin Changes", ["13", "54", "15", "31"]),
            makeRow("papilledema", "Papilledema", ["4", "50", "…", "50"]),
            makeRow("endocrine", "Endocrine", ["13", "23", "8", "69"]),
            makeRow("pulmonary", "Pulmonary", ["15", "20", "…", "80"]),
        ]
        return TransplantResponseTable(
            id: "transplant-response",
            number: 4,
            title: "Response after PBSCT (median follow-up 10.8 months)",
            printedTitle: "Table 4. Response after PBSCT (median follow-up 10.8 months)*",
            titleFootnotes: ["*"],
            citation: .blood2003(printed: Citation.originallyPublishedLine, table: 4),
            dataSource: .transplantSeries2004,
            columns: [
                TableColumn(key: "domain", label: "", unit: nil),
                TableColumn(key: "n", label: "N", unit: "patients"),
                TableColumn(key: "response", label: "Response, %", unit: "%"),
                TableColumn(key: "stable", label: "Stable, %", unit: "%"),
                TableColumn(key: "notEvaluated", label: "Not evaluated, %", unit: "%"),
            ],
            rows: rows,
            footnotes: [
                // Seed 004, Table 4 footnotes, verbatim.
                Footnote(mark: "*", text: "1 died before evaluation and 1 too soon to evaluate",
                         appliesTo: [.title]),
                Footnote(mark: "†",
                         text: "One patient showed borderline worsening at 15 months, but at 24 months, patient reported substantial improvement; no repeat neuropathy impairment score was performed.",
                         appliesTo: [.cell("neuropathy-impairment-score", "n")]),
                Footnote(mark: "‡", text: "2 complete responses, 3 VGPR, and 1 minimal response",
                         appliesTo: [.cell("spep-evaluable", "response")]),
            ],
            reminder: RetrospectiveReminder.text)
    }()
}
