/// A Table 3 row as shown in an evaluation's treatment evidence: the row as
/// published, with seed 004's caveats beside it and, for treatments of CIDP,
/// a note saying so.
///
/// JSON: the row's own members (`slug`, `treatment`, `footnotes`, `cells`)
/// plus `caveats` (sourced statements, possibly empty) and `note` (or `null`).
public struct SelectedTreatmentRow: Sendable, Encodable, Equatable {
    public let row: TreatmentResponseRow
    /// Seed 004's statements that qualify this row.
    public let caveats: [EvidenceStatement]
    /// Why the row is shown, when it is not a treatment of POEMS.
    public let note: String?

    public var slug: String { row.slug }

    /// The row with the caveats and note seed 004 attaches to it.
    public init(_ row: TreatmentResponseRow) {
        self.row = row
        switch row.slug {
        case "prednisone-or-dexamethasone":
            caveats = [TherapyStatements.corticosteroidsTemporizing]
            note = nil
        case "melphalan-prednisone":
            caveats = [TherapyStatements.melphalanSecondaryMalignancy, TherapyStatements.melphalanAfterHarvest,
                       TherapyStatements.stemCellsBeforeAlkylators]
            note = nil
        case "combination-chemotherapy":
            // Table 3, footnote *: the regimens include melphalan and cyclophosphamide (alkylating agents).
            caveats = [TherapyStatements.stemCellsBeforeAlkylators]
            note = nil
        case "plasmapheresis", "intravenous-immunoglobulin":
            caveats = [TherapyStatements.ivigPlasmapheresisNoBenefit, TherapyStatements.cidpMisdiagnosisTherapies]
            note = Self.cidpNote
        case "cyclosporine-or-azathioprine":
            caveats = [TherapyStatements.cidpMisdiagnosisTherapies]
            note = Self.cidpNote
        default:
            caveats = []
            note = nil
        }
    }

    /// Seed 004, Abstract and Other Therapies.
    static let cidpNote = "A treatment of chronic inflammatory demyelinating polyneuropathy (CIDP), not of POEMS syndrome: seed 004 reports that it did not help in POEMS. It is shown because patients with POEMS are often first misdiagnosed with CIDP and receive it."

    private enum CodingKeys: String, CodingKey { case caveats, note }

    public func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caveats, forKey: .caveats)
        try c.encode(note, forKey: .note)
    }
}
