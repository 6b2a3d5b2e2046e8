/// Seed 004, Table 2 — "Clinical Features POEMS Patients—Three Series",
/// reproduced cell for cell, with its footnotes and its "Comment:" line.
///
/// Served as `GET /v1/evidence/clinical-features`.
public struct ClinicalFeaturesTable: Sendable, Encodable {
    /// `"clinical-features"`.
    public let id: String
    /// 2.
    public let number: Int
    /// "Clinical Features POEMS Patients—Three Series".
    public let title: String
    /// "Table 2. Clinical Features POEMS Patients—Three Series", as printed.
    public let printedTitle: String
    /// None for Table 2.
    public let titleFootnotes: [String]
    public let citation: Citation
    /// `feature`, then one column per series (`dispenzieri2003` n=99,
    /// `soubrier1994` n=25, `nakanishi1984` n=102), all in %.
    public let columns: [TableColumn]
    /// Features in printed order; sub-rows follow their parent.
    public let rows: [ClinicalFeatureRow]
    public let footnotes: [Footnote]
    /// The line printed under the table: "Comment: the percentages for all series uses …".
    public let comment: String
    public let reminder: String

    public func row(slug: String) -> ClinicalFeatureRow? {
        rows.first { $0.slug == slug }
    }
}

/// A row of Table 2: a feature, a sub-feature (`parentSlug`), or a heading.
public struct ClinicalFeatureRow: Sendable, Encodable, Equatable {
    /// `feature` rows carry values; the `heading` row ("Other Features") has none.
    public enum Kind: String, Sendable, Codable {
        case feature, heading
    }
    public let slug: String
    /// Label as printed, without footnote marks (PDF line breaks joined).
    public let feature: String
    public let kind: Kind
    /// Slug of the parent feature or heading for indented sub-rows.
    public let parentSlug: String?
    /// Marks printed after the label (`["**"]` on the four bone-lesion sub-rows).
    public let footnotes: [String]
    /// `nil` (JSON `null`) for the heading row.
    public let cells: ClinicalFeatureCells?

    private enum CodingKeys: String, CodingKey { case slug, feature, kind, parentSlug, footnotes, cells }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(feature, forKey: .feature)
        try c.encode(kind, forKey: .kind)
        try c.encode(parentSlug, forKey: .parentSlug)
        try c.encode(footnotes, forKey: .footnotes)
        try c.encode(cells, forKey: .cells)
    }

    /// The cell of one series, `nil` for the heading row.
    public subscript(series: ClinicalFeatureSeries) -> EvidenceCell? {
        guard let cells else { return nil }
        switch series {
        case .dispenzieri2003: return cells.dispenzieri2003
        case .soubrier1994: return cells.soubrier1994
        case .nakanishi1984: return cells.nakanishi1984
        }
    }
}

/// One percentage per series (no derived counts: see the table's comment and ** footnote
/// for the disagreeing denominators).
public struct ClinicalFeatureCells: Sendable, Encodable, Equatable {
    /// (Dispenzieri A, et al, 2003), n=99, %.
    public let dispenzieri2003: EvidenceCell
    /// (Soubrier M, et al, 1994), n=25, %.
    public let soubrier1994: EvidenceCell
    /// (Nakanishi T, et al, 1984), n=102, %.
    public let nakanishi1984: EvidenceCell
}

/// The three series of Table 2, by column key.
public enum ClinicalFeatureSeries: String, Sendable, Codable, CaseIterable {
    case dispenzieri2003, soubrier1994, nakanishi1984
}

extension ClinicalFeaturesTable {
    static func feature(_ slug: String, _ label: String, parent: String? = nil, marks: [String] = [],
                        _ cells: [String], cellMarks: [ClinicalFeatureSeries: [String]] = [:]) -> ClinicalFeatureRow {
        precondition(cells.count == 3)
        func cell(_ i: Int, _ s: ClinicalFeatureSeries) -> EvidenceCell {
            EvidenceCell(printed: cells[i], footnotes: cellMarks[s] ?? [])
        }
        return ClinicalFeatureRow(
            slug: slug, feature: label, kind: .feature, parentSlug: parent, footnotes: marks,
            cells: ClinicalFeatureCells(dispenzieri2003: cell(0, .dispenzieri2003),
                                        soubrier1994: cell(1, .soubrier1994),
                                        nakanishi1984: cell(2, .nakanishi1984)))
    }

    /// Seed 004, Table 2, as printed (Dispenzieri n=99, Soubrier n=25, Nakanishi n=102).
    public static let threeSeries: ClinicalFeaturesTable = {
        let bone = "sclerotic-bone-lesions", other = "other-features"
        let rows: [ClinicalFeatureRow] = [
            feature("peripheral-neuropathy", "Peripheral neuropathy", ["100", "100", "100"]),
            feature("organomegaly", "Organomegaly", ["46", "NS", "NS"]),
            feature("hepatomegaly", "Hepatomegaly", parent: "organomegaly", ["25", "68", "78"]),
            feature("splenomegaly", "Splenomegaly", parent: "organomegaly", ["22", "52", "35"]),
            feature("lymphadenopathy", "Lymphadenopathy", parent: "organomegaly", ["26", "52", "61"]),
            // "Endocrinopathy 71* NS NS" — * on Dispenzieri's 71.
            feature("endocrinopathy", "Endocrinopathy", ["71", "NS", "NS"], cellMarks: [.dispenzieri2003: ["*"]]),
            feature("diabetes", "Diabetes", parent: "endocrinopathy", ["3", "36", "25"]),
            // "Hypothyroidism 17 36" — Nakanishi cell printed blank.
            feature("hypothyroidism", "Hypothyroidism", parent: "endocrinopathy", ["17", "36", ""]),
            feature("monoclonal-plasma-cell-dyscrasia", "Monoclonal plasma cell dyscrasia", ["100", "100", "75"]),
            feature("skin-changes", "Skin Changes", ["68", "NS", "NS"]),
            feature("hyperpigmentation", "Hyperpigmentation", parent: "skin-changes", ["46", "48", "93"]),
            feature("acrocyanosis-and-plethora", "Acrocyanosis and plethora", parent: "skin-changes", ["19", "NS", "NS"]),
            // "telangectasia" spelled as printed.
            feature("hemangioma-telangectasia", "Hemangioma/telangectasia", parent: "skin-changes", ["9", "32", "NS"]),
            feature("hypertrichosis", "Hypertrichosis", parent: "skin-changes", ["26", "24", "74"]),
            feature("thickening", "Thickening", parent: "skin-changes", ["5", "28", "61"]),
            feature(bone, "Sclerotic bone lesions", ["97", "68", "54"]),
            // ** "Of patients with bone lesions" on the four sub-rows.
            feature("osteosclerotic-only", "Osteosclerotic only", parent: bone, marks: ["**"], ["47", "41", "56"]),
            feature("mixed-sclerotic-and-lytic", "Mixed sclerotic and lytic", parent: bone, marks: ["**"], ["51", "59", "31"]),
            feature("lytic-only", "Lytic only", parent: bone, marks: ["**"], ["2", "0", "13"]),
            // Printed "> 1  lesion**" (double space collapsed).
            feature("more-than-one-lesion", "> 1 lesion", parent: bone, marks: ["**"], ["54", "59", "45"]),
            feature("papilledema", "Papilledema", ["29", "40", "55"]),
            feature("extravascular-volume-overload", "Extravascular volume overload", ["39", "NS", "NS"]),
            feature("peripheral-edema", "Peripheral edema", parent: "extravascular-volume-overload", ["29", "80", "89"]),
            feature("ascites", "Ascites", parent: "extravascular-volume-overload", ["15", "32", "52"]),
            feature("pleural-effusion", "Pleural Effusion", parent: "extravascular-volume-overload", ["9", "24", "35"]),
            feature("castleman-disease", "Castleman disease", ["11", "24", "19"]),
            ClinicalFeatureRow(slug: other, feature: "Other Features", kind: .heading, parentSlug: nil,
                               footnotes: [], cells: nil),
            feature("thrombocytosis", "Thrombocytosis", parent: other, ["54", "88", "NS"]),
            feature("polycythemia", "Polycythemia Hb >15 g/dl females and >17g/dl males", parent: other,
                    ["18", "12", "19"]),
            feature("clubbing", "Clubbing", parent: other, ["5", "32", "49"]),
        ]
        let boneSubRows = rows.filter { $0.footnotes.contains("**") }.map { FootnoteAnchor.row($0.slug) }
        return ClinicalFeaturesTable(
            id: "clinical-features",
            number: 2,
            title: "Clinical Features POEMS Patients—Three Series",
            printedTitle: "Table 2. Clinical Features POEMS Patients—Three Series",
            titleFootnotes: [],
            citation: .blood2003(printed: Citation.modifiedFromLine, table: 2),
            columns: [
                TableColumn(key: "feature", label: "", unit: nil),
                TableColumn(key: "dispenzieri2003", label: "(Dispenzieri A, et al, 2003)", unit: "%", n: 99),
                TableColumn(key: "soubrier1994", label: "(Soubrier M, et al, 1994)", unit: "%", n: 25),
                TableColumn(key: "nakanishi1984", label: "(Nakanishi T, et al, 1984)", unit: "%", n: 102),
            ],
            rows: rows,
            footnotes: [
                // Seed 004, Table 2 footnotes, verbatim.
                Footnote(mark: "*", text: "Includes gonadal and adrenal abnormalities",
                         appliesTo: [.cell("endocrinopathy", "dispenzieri2003")]),
                Footnote(mark: "**", text: "Of patients with bone lesions", appliesTo: boneSubRows),
            ],
            comment: "Comment: the percentages for all series uses the total number of patients in the series as the denominator",
            reminder: RetrospectiveReminder.text)
    }()
}
