/// Seed 004, Table 3 — "Response to Therapy in Patients With POEMS Syndrome"
/// (Dispenzieri et al., Blood 2003;101:2496-2506), reproduced cell for cell.
///
/// Served as `GET /v1/evidence/treatment-response`.
public struct TreatmentResponseTable: Sendable, Encodable {
    /// Stable id, also the URL path segment: `"treatment-response"`.
    public let id: String
    /// Table number in seed 004: 3.
    public let number: Int
    /// Title without the "Table 3.—" prefix.
    public let title: String
    /// The title line exactly as printed: "Table 3.—Response to Therapy in Patients With POEMS Syndrome".
    public let printedTitle: String
    /// Footnote marks printed on the title (none for Table 3).
    public let titleFootnotes: [String]
    public let citation: Citation
    /// Column definitions: `treatment`, `patients`, `improved`, `stable`, `progression`, `unknown`.
    public let columns: [TableColumn]
    /// The nine rows, in printed order.
    public let rows: [TreatmentResponseRow]
    public let footnotes: [Footnote]
    /// ``RetrospectiveReminder/text``.
    public let reminder: String

    /// The row with this slug, if any.
    public func row(slug: String) -> TreatmentResponseRow? {
        rows.first { $0.slug == slug }
    }

    /// The footnotes whose mark is printed on the given row (label or cells).
    public func footnotes(for row: TreatmentResponseRow) -> [Footnote] {
        footnotes.filter { note in note.appliesTo.contains { $0.row == row.slug } }
    }

    /// The same payload with other rows (e.g. sorted or filtered with ``TreatmentResponseQuery``).
    /// Footnotes are kept when printed on the title or on a remaining row.
    public func withRows(_ rows: [TreatmentResponseRow]) -> TreatmentResponseTable {
        let slugs = Set(rows.map(\.slug))
        let notes = footnotes.filter { note in
            note.appliesTo.contains { $0.scope == .title || ($0.row.map(slugs.contains) ?? false) }
        }
        return TreatmentResponseTable(id: id, number: number, title: title, printedTitle: printedTitle,
                                      titleFootnotes: titleFootnotes, citation: citation, columns: columns,
                                      rows: rows, footnotes: notes, reminder: reminder)
    }

    /// The single-row payload for `GET /v1/evidence/treatment-response/{slug}`.
    public func rowPayload(slug: String) -> TreatmentResponseRowPayload? {
        guard let row = row(slug: slug) else { return nil }
        return TreatmentResponseRowPayload(id: id, number: number, title: title, printedTitle: printedTitle,
                                           citation: citation, columns: columns, row: row,
                                           footnotes: footnotes(for: row), reminder: reminder)
    }
}

/// `GET /v1/evidence/treatment-response/{slug}`: one row of Table 3 with the
/// table's title, citation, columns, the footnotes that apply to it and the reminder.
public struct TreatmentResponseRowPayload: Sendable, Encodable {
    public let id: String
    public let number: Int
    public let title: String
    public let printedTitle: String
    public let citation: Citation
    public let columns: [TableColumn]
    public let row: TreatmentResponseRow
    public let footnotes: [Footnote]
    public let reminder: String
}

/// One treatment row of Table 3.
public struct TreatmentResponseRow: Sendable, Encodable, Equatable {
    /// Stable URL-safe id, e.g. `"melphalan-prednisone"`.
    public let slug: String
    /// Treatment name as printed, without footnote marks.
    public let treatment: String
    /// Footnote marks printed on the treatment name (e.g. `["*"]` for combination chemotherapy).
    public let footnotes: [String]
    public let cells: TreatmentResponseCells

    /// The cell under a numeric column.
    public subscript(column: TreatmentResponseColumn) -> EvidenceCell {
        switch column {
        case .patients: cells.patients
        case .improved: cells.improved
        case .stable: cells.stable
        case .progression: cells.progression
        case .unknown: cells.unknown
        }
    }
}

/// The five numeric cells of a Table 3 row. Percent cells carry a derived count.
public struct TreatmentResponseCells: Sendable, Encodable, Equatable {
    /// "No. of patients" (for radiation: 70 courses in 64 patients — footnote †).
    public let patients: EvidenceCell
    /// "Improved", % of `patients`.
    public let improved: EvidenceCell
    /// "Stable", %.
    public let stable: EvidenceCell
    /// "Progression", %.
    public let progression: EvidenceCell
    /// "Unknown", %.
    public let unknown: EvidenceCell
}

/// The numeric columns of Table 3, by stable key.
public enum TreatmentResponseColumn: String, Sendable, Codable, CaseIterable {
    case patients, improved, stable, progression, unknown
}

extension TreatmentResponseTable {
    /// Builds a row from printed cells (`"70"`, `"…"`…) and derives the counts.
    static func makeRow(_ slug: String, _ treatment: String, marks: [String] = [],
                        _ cells: [String], cellMarks: [TreatmentResponseColumn: [String]] = [:],
                        countUnit: String = "patients") -> TreatmentResponseRow {
        precondition(cells.count == 5)
        func cell(_ i: Int, _ column: TreatmentResponseColumn) -> EvidenceCell {
            EvidenceCell(printed: cells[i], footnotes: cellMarks[column] ?? [])
        }
        let n = cell(0, .patients)
        return TreatmentResponseRow(
            slug: slug, treatment: treatment, footnotes: marks,
            cells: TreatmentResponseCells(
                patients: n,
                improved: cell(1, .improved).withDerivedCount(n: n, unit: countUnit),
                stable: cell(2, .stable).withDerivedCount(n: n, unit: countUnit),
                progression: cell(3, .progression).withDerivedCount(n: n, unit: countUnit),
                unknown: cell(4, .unknown).withDerivedCount(n: n, unit: countUnit)))
    }

    /// Seed 004, Table 3, every row and footnote as printed.
    public static let dispenzieri2003: TreatmentResponseTable = {
        let rows: [TreatmentResponseRow] = [
            // Seed 004 Table 3: "Radiation 70† 54 4 16 26" — † on the 70 (70 courses in 64 patients).
            makeRow("radiation", "Radiation", ["70", "54", "4", "16", "26"],
                    cellMarks: [.patients: ["†"]], countUnit: "courses"),
            // Seed 004 Table 3: "Melphalan and prednisone 48 44 12 12 31".
            makeRow("melphalan-prednisone", "Melphalan and prednisone", ["48", "44", "12", "12", "31"]),
            // Seed 004 Table 3: "Combination chemotherapy* 15 … 27 7 33 33" (spans lines).
            makeRow("combination-chemotherapy", "Combination chemotherapy", marks: ["*"],
                    ["15", "27", "7", "33", "33"]),
            // Seed 004 Table 3: "Cyclosporine or azathioprine 4 0 0 100 0".
            makeRow("cyclosporine-or-azathioprine", "Cyclosporine or azathioprine", ["4", "0", "0", "100", "0"]),
            // Seed 004 Table 3: "Cyclosporine or azathioprine, plus prednisone 6 50 0 17 33".
            makeRow("cyclosporine-or-azathioprine-plus-prednisone", "Cyclosporine or azathioprine, plus prednisone",
                    ["6", "50", "0", "17", "33"]),
            // Seed 004 Table 3: "Prednisone or dexamethasone 41 15 7 20 59".
            makeRow("prednisone-or-dexamethasone", "Prednisone or dexamethasone", ["41", "15", "7", "20", "59"]),
            // Seed 004 Table 3: "Plasmapheresis 16 0 12 87 0" (sums to 99 as printed).
            makeRow("plasmapheresis", "Plasmapheresis", ["16", "0", "12", "87", "0"]),
            // Seed 004 Table 3: "Plasmapheresis plus prednisone 14 21 0 14 64".
            makeRow("plasmapheresis-plus-prednisone", "Plasmapheresis plus prednisone", ["14", "21", "0", "14", "64"]),
            // Seed 004 Table 3: "Intravenous immunoglobulin 9 0 0 89 11".
            makeRow("intravenous-immunoglobulin", "Intravenous immunoglobulin", ["9", "0", "0", "89", "11"]),
        ]
        let group = "Response to treatment, %"
        return TreatmentResponseTable(
            id: "treatment-response",
            number: 3,
            title: "Response to Therapy in Patients With POEMS Syndrome",
            printedTitle: "Table 3.—Response to Therapy in Patients With POEMS Syndrome",
            titleFootnotes: [],
            citation: .blood2003(printed: Citation.originallyPublishedLine, table: 3),
            columns: [
                TableColumn(key: "treatment", label: "Treatment", unit: nil),
                TableColumn(key: "patients", label: "No. of patients", unit: "patients"),
                TableColumn(key: "improved", label: "Improved", unit: "%", group: group),
                TableColumn(key: "stable", label: "Stable", unit: "%", group: group),
                TableColumn(key: "progression", label: "Progression", unit: "%", group: group),
                TableColumn(key: "unknown", label: "Unknown", unit: "%", group: group),
            ],
            rows: rows,
            footnotes: [
                // Seed 004, Table 3 footnotes, verbatim.
                Footnote(mark: "*",
                         text: "Includes vincristine, carmustine, melphalan, cyclophosphamide, and prednisone; vincristine, Adriamycin, and dexamethasone; cyclophosphamide, Adriamycin, vincristine, and prednisone; and cyclophosphamide-based chemotherapy.",
                         appliesTo: [.row("combination-chemotherapy")]),
                Footnote(mark: "†",
                         text: "Sixty-four patients were treated with 70 courses of radiation.",
                         appliesTo: [.cell("radiation", "patients")]),
            ],
            reminder: RetrospectiveReminder.text)
    }()
}
