/// A remark about a case that a clinician should see: one entry of
/// `EvaluationReport.warnings`. Only `finding-contradicts-lab` changes a
/// criterion (to unknown); the others change no verdict.
///
/// JSON: `{"code": "kappa-light-chain", "severity": "warning", "message": "...", "source": "..."}`
public struct Warning: Codable, Sendable, Equatable {
    /// A stable, machine-readable code.
    public var code: WarningCode
    /// How urgently to look at it; fixed per code (``WarningCode/severity``).
    public var severity: WarningSeverity
    /// A human-readable explanation.
    public var message: String
    /// Where the statement behind the warning comes from.
    public var source: String

    public init(code: WarningCode, message: String, source: String) {
        self.code = code
        self.severity = code.severity
        self.message = message
        self.source = source
    }
}

/// The stable codes of ``Warning``, with their severity.
///
/// - `endocrinopathyDiabetesThyroidOnly` (info): only a thyroid abnormality
///   and/or diabetes mellitus is reported under endocrinopathy, which alone
///   does not meet the criterion (seed 004, Table 1, footnote ‡).
/// - `kappaLightChain` (warning): the clone is kappa; it is lambda in more
///   than 95% of cases (seed 004).
/// - `castlemanVariant` (warning): Castleman disease without a clonal plasma
///   cell disorder, a variant considered separately (REFERENCES.md).
/// - `noScleroticLesionOrCastleman` (warning): the 2003 rule is met without a
///   sclerotic lesion or Castleman disease (seed 004, Table 1, footnote †;
///   Definition).
/// - `seedMinimumNotMet` (warning): the 2003 rule is met but not the minimum
///   that seed 004's text states (a sclerotic lesion or Castleman disease, and
///   at least one other feature).
/// - `cidpMimic` (warning): polyneuropathy without an assessed monoclonal
///   plasma cell disorder; POEMS is frequently confused with CIDP (seeds 004,
///   003, 000).
/// - `mProteinPossiblyMissed` (critical): the plasma cell disorder is reported
///   absent, but serum and urine immunofixation and serum free light chains
///   were not all done (seed 004).
/// - `myelomaDefiningEvent` (critical): a myeloma-defining event of IMWG
///   2014 (calcium above 11 mg/dL, creatinine above 2 mg/dL, hemoglobin below
///   10 g/dL, osteolytic lesions, marrow clonal plasma cells 60% or more, free
///   light chain ratio 100 or more with the involved chain at 100 mg/L or
///   more, more than one MRI focal lesion) while a plasma cell disorder is
///   not established absent; raised even when a POEMS set is met: the two
///   are not exclusive, staging decides (REFERENCES.md).
/// - `findingContradictsLab` (critical): a given finding disagrees with its
///   laboratory value; the criterion is unknown until the contradiction is
///   resolved.
/// - `anemiaOrThrombocytopenia` (warning): hemoglobin below 10 g/dL or
///   platelets below the thrombocytopenia threshold without Castleman
///   disease: distinctively unusual in POEMS (REFERENCES.md; seed 004).
/// - `serumVegfWithThrombocytosis` (warning): VEGF decided by a serum value
///   while platelets are high; platelets release VEGF into serum
///   (REFERENCES.md).
/// - `vegfAssaysDiscordant` (warning): serum and plasma VEGF disagree; plasma
///   decides (REFERENCES.md).
/// - `vegfBorderline` (warning): plasma VEGF above the laboratory's own upper
///   limit but at or below 200 pg/mL, the 95%-specific cut-off (REFERENCES.md).
public enum WarningCode: String, Codable, Sendable, CaseIterable {
    case endocrinopathyDiabetesThyroidOnly = "endocrinopathy-diabetes-thyroid-only"
    case kappaLightChain = "kappa-light-chain"
    case castlemanVariant = "castleman-variant"
    case noScleroticLesionOrCastleman = "no-sclerotic-lesion-or-castleman"
    case seedMinimumNotMet = "seed-minimum-not-met"
    case cidpMimic = "cidp-mimic"
    case mProteinPossiblyMissed = "m-protein-possibly-missed"
    case findingContradictsLab = "finding-contradicts-lab"
    case myelomaDefiningEvent = "myeloma-defining-event"
    case anemiaOrThrombocytopenia = "anemia-or-thrombocytopenia"
    case serumVegfWithThrombocytosis = "serum-vegf-with-thrombocytosis"
    case vegfAssaysDiscordant = "vegf-assays-discordant"
    case vegfBorderline = "vegf-borderline"

    /// The code in words, for a list or a wall screen (the warning's
    /// `message` explains it; the source is the code's, above).
    public var title: String {
        switch self {
        case .endocrinopathyDiabetesThyroidOnly: "Endocrinopathy: diabetes or thyroid only"
        case .kappaLightChain: "Kappa light chain"
        case .castlemanVariant: "Castleman disease without a clonal plasma cell disorder"
        case .noScleroticLesionOrCastleman: "Met without a sclerotic lesion or Castleman disease"
        case .seedMinimumNotMet: "Below the stated minimum of the 2003 rule"
        case .cidpMimic: "Possible CIDP: plasma cell disorder not assessed"
        case .mProteinPossiblyMissed: "M-protein possibly missed"
        case .findingContradictsLab: "A finding contradicts its laboratory value"
        case .myelomaDefiningEvent: "Myeloma-defining event"
        case .anemiaOrThrombocytopenia: "Anemia or thrombocytopenia"
        case .serumVegfWithThrombocytosis: "Serum VEGF with thrombocytosis"
        case .vegfAssaysDiscordant: "Serum and plasma VEGF disagree"
        case .vegfBorderline: "Borderline plasma VEGF"
        }
    }

    /// The severity of every warning with this code.
    public var severity: WarningSeverity {
        switch self {
        case .mProteinPossiblyMissed, .findingContradictsLab, .myelomaDefiningEvent:
            .critical
        case .kappaLightChain, .castlemanVariant, .noScleroticLesionOrCastleman, .seedMinimumNotMet, .cidpMimic,
             .anemiaOrThrombocytopenia, .serumVegfWithThrombocytosis, .vegfAssaysDiscordant, .vegfBorderline:
            .warning
        case .endocrinopathyDiabetesThyroidOnly:
            .info
        }
    }
}
