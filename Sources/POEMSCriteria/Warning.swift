/// A remark about a case that does not change any verdict but that a
/// clinician should see: one entry of `EvaluationReport.warnings`.
///
/// JSON: `{"code": "kappa-light-chain", "message": "...", "source": "..."}`
public struct Warning: Codable, Sendable, Equatable {
    /// A stable, machine-readable code.
    public var code: WarningCode
    /// A human-readable explanation.
    public var message: String
    /// Where the statement behind the warning comes from.
    public var source: String

    public init(code: WarningCode, message: String, source: String) {
        self.code = code
        self.message = message
        self.source = source
    }
}

/// The stable codes of ``Warning``.
///
/// - `endocrinopathyDiabetesThyroidOnly`: only a thyroid abnormality and/or
///   diabetes mellitus is reported under endocrinopathy, which alone does not
///   meet the criterion (seed 004, Table 1, footnote ‡).
/// - `kappaLightChain`: the clone is kappa; it is lambda in more than 95% of
///   cases (seed 004).
/// - `castlemanVariant`: Castleman disease without a clonal plasma cell
///   disorder, a variant considered separately (REFERENCES.md).
/// - `noScleroticLesionOrCastleman`: the 2003 rule is met without a sclerotic
///   lesion or Castleman disease (seed 004, Table 1, footnote †; Definition).
/// - `cidpMimic`: polyneuropathy without an assessed monoclonal plasma cell
///   disorder; POEMS is frequently confused with CIDP (seeds 004, 003, 000).
/// - `findingContradictsLab`: a given finding disagrees with its laboratory
///   value; the given finding is kept.
public enum WarningCode: String, Codable, Sendable, CaseIterable {
    case endocrinopathyDiabetesThyroidOnly = "endocrinopathy-diabetes-thyroid-only"
    case kappaLightChain = "kappa-light-chain"
    case castlemanVariant = "castleman-variant"
    case noScleroticLesionOrCastleman = "no-sclerotic-lesion-or-castleman"
    case cidpMimic = "cidp-mimic"
    case findingContradictsLab = "finding-contradicts-lab"
}
