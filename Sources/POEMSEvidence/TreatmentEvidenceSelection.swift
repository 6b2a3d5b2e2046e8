import POEMSCriteria

/// One reason-group within a ``TreatmentEvidenceSelection``.
public struct TreatmentEvidenceGroup: Sendable, Encodable, Equatable {
    /// `"localized-radiation"`, `"systemic-therapy"` or `"no-improvement-reported"`.
    public let id: String
    /// Why this evidence is shown, in informative wording ("seed 004 reports …").
    public let basis: String
    /// Table 3 rows, each with seed 004's caveats beside it.
    public let rows: [SelectedTreatmentRow]
    /// Sourced statements.
    public let statements: [EvidenceStatement]
    /// Whole tables referenced by id (e.g. `"transplant-response"` for Table 4).
    public let tables: [String]
}

/// Evidence relevant to a case, selected by bone-lesion extent (every extent's
/// evidence when the extent is not given, with ``extentNotReported`` first in
/// ``basis``). Informative only: it reports what the sources say and does not
/// recommend a treatment.
///
/// JSON: `{"applicability": "criteria-met", "applicabilityNote": "...", "boneLesionExtent": "solitary",
/// "basis": "...", "groups": [...], "rows": [...], "statements": [...], "tables": [...],
/// "tableSources": {"transplant-response": {...}}, "reminder": "..."}` — `rows`, `statements`
/// and `tables` are the de-duplicated union of the groups, in group order; each row carries
/// its caveats (``SelectedTreatmentRow``); `tableSources` says where the data of a referenced
/// table come from when its caption names another paper.
public struct TreatmentEvidenceSelection: Sendable, Encodable, Equatable {
    /// Whether the evidence applies to the patient (see ``EvidenceApplicability``).
    public let applicability: EvidenceApplicability
    /// ``EvidenceApplicability/note``.
    public let applicabilityNote: String
    /// The extent passed in, or `null` when not given.
    public let boneLesionExtent: BoneLesionExtent?
    /// The groups' bases joined into one paragraph.
    public let basis: String
    public let groups: [TreatmentEvidenceGroup]
    public let rows: [SelectedTreatmentRow]
    public let statements: [EvidenceStatement]
    public let tables: [String]
    /// The origin of the data of a referenced table, by table id (Table 4: the 2004 series).
    public let tableSources: [String: DataOrigin]
    /// ``RetrospectiveReminder/text``.
    public let reminder: String

    private enum CodingKeys: String, CodingKey {
        case applicability, applicabilityNote, boneLesionExtent, basis, groups, rows, statements, tables, tableSources, reminder
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(applicability, forKey: .applicability)
        try c.encode(applicabilityNote, forKey: .applicabilityNote)
        try c.encode(boneLesionExtent, forKey: .boneLesionExtent)
        try c.encode(basis, forKey: .basis)
        try c.encode(groups, forKey: .groups)
        try c.encode(rows, forKey: .rows)
        try c.encode(statements, forKey: .statements)
        try c.encode(tables, forKey: .tables)
        try c.encode(tableSources, forKey: .tableSources)
        try c.encode(reminder, forKey: .reminder)
    }

    /// Selects the evidence for a case. Pure.
    ///
    /// - `solitary` / `limited`: Table 3's radiation row, seed 004's statements that
    ///   radiation is first line for a single dominant lesion and that lesions in a
    ///   limited area should be treated with radiation (plus dose and response figures).
    /// - `widespread`: the systemic rows of Table 3 (melphalan-prednisone,
    ///   combination-chemotherapy, prednisone-or-dexamethasone), the transplant
    ///   statements and Table 4 by reference.
    /// - always (including `nil`): the Table 3 rows whose printed improved % is 0
    ///   (computed from the data), with seed 004's CIDP-misdiagnosis statements.
    ///
    /// Rows carry seed 004's caveats (corticosteroids temporizing; melphalan
    /// and stem-cell harvest; CIDP treatments that did not help in POEMS).
    /// Which verdict shows the selection at all is decided by the API layer.
    /// The prompt that opens ``basis`` when the bone-lesion extent is not
    /// given: the evidence of every extent is shown (issue 21: never only the
    /// therapies reported not to help), and the extent decides which applies.
    public static let extentNotReported = "The extent of the osteosclerotic bone lesions is not reported, and seed 004 ties the evidence to it (localized radiation for a single dominant lesion or lesions in a limited area, systemic therapy for widespread lesions): the evidence for each extent is shown below; imaging of the whole skeleton tells which applies."

    public static func select(boneLesionExtent extent: BoneLesionExtent?,
                              applicability: EvidenceApplicability = .criteriaMet,
                              table: TreatmentResponseTable = .dispenzieri2003) -> TreatmentEvidenceSelection {
        var groups: [TreatmentEvidenceGroup] = []
        func rows(_ slugs: [String]) -> [SelectedTreatmentRow] { slugs.compactMap { table.row(slug: $0) }.map(SelectedTreatmentRow.init) }

        let localized = extent == nil || extent == .solitary || extent == .limited
        let widespread = extent == nil || extent == .widespread
        if localized {
            groups.append(TreatmentEvidenceGroup(
                id: "localized-radiation",
                basis: "Seed 004 reports that for a single, dominant osteosclerotic lesion localized external beam radiation is generally considered first line therapy, and describes radiation for single or multiple osteosclerotic lesions in a limited area; Table 3 reports the response to radiation (70 courses in 64 patients).",
                rows: rows(["radiation"]),
                statements: [TherapyStatements.radiationFirstLine, TherapyStatements.limitedAreaRadiation,
                             TherapyStatements.radiationDose, TherapyStatements.radiationResponse],
                tables: []))
        }
        if widespread {
            groups.append(TreatmentEvidenceGroup(
                id: "systemic-therapy",
                basis: "Seed 004 reports that with widespread osteosclerotic lesions systemic therapy, possibly high dose chemotherapy with peripheral blood stem cell transplant, is used; Table 3 reports responses to systemic regimens and Table 4 responses after transplant in the 16-patient Mayo Clinic series (Blood 2004;104:3400-3407, named in seed 004's Figure 2 caption; Table 4's caption, kept as printed, cites the 2003 paper).",
                rows: rows(["melphalan-prednisone", "combination-chemotherapy", "prednisone-or-dexamethasone"]),
                statements: [TherapyStatements.widespreadSystemicTherapy, TherapyStatements.melphalanPrednisone,
                             TherapyStatements.cyclophosphamide, TherapyStatements.corticosteroids,
                             TherapyStatements.transplantEmerging, TherapyStatements.transplantIntensiveCare,
                             TherapyStatements.transplantMortality, TherapyStatements.hctLargestSeries],
                tables: ["transplant-response"]))
        }

        let none = TreatmentResponseQuery.noImprovement(table.rows)
        groups.append(TreatmentEvidenceGroup(
            id: "no-improvement-reported",
            basis: "Seed 004 Table 3 reports that no patient improved with " + none.map { $0.treatment.lowercased() }.joined(separator: ", ")
                + " (improved 0%); seed 004 notes that patients first misdiagnosed as chronic inflammatory demyelinating polyneuropathy (CIDP) commonly receive immunomodulatory therapies such as intravenous gamma-globulin, plasmapheresis and azathioprine, and reports that these are not effective in POEMS.",
            rows: none.map(SelectedTreatmentRow.init),
            statements: [TherapyStatements.cidpMisdiagnosisTherapies, TherapyStatements.ivigPlasmapheresisNoBenefit,
                         TherapyStatements.cidpImmunomodulatoryTherapies],
            tables: []))

        var seenRows = Set<String>(), seenStatements = Set<String>(), seenTables = Set<String>()
        let tables = groups.flatMap(\.tables).filter { seenTables.insert($0).inserted }
        return TreatmentEvidenceSelection(
            applicability: applicability,
            applicabilityNote: applicability.note,
            boneLesionExtent: extent,
            basis: ([extent == nil ? extentNotReported : nil].compactMap { $0 } + groups.map(\.basis)).joined(separator: " "),
            groups: groups,
            rows: groups.flatMap(\.rows).filter { seenRows.insert($0.slug).inserted },
            statements: groups.flatMap(\.statements).filter { seenStatements.insert($0.id).inserted },
            tables: tables,
            tableSources: tables.contains(TransplantResponseTable.dispenzieri.id)
                ? [TransplantResponseTable.dispenzieri.id: TransplantResponseTable.dispenzieri.dataSource] : [:],
            reminder: RetrospectiveReminder.text)
    }
}
