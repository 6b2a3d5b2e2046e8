/// The minimum for diagnosis that seed 004's text states, beyond Table 1's
/// rule: `seed-minimum-not-met`.
///
/// Seed 004, Definition/diagnostic criteria: "Not all features are required
/// to make the diagnosis; at a minimum, however, a patient must have: the
/// peripheral neuropathy; monoclonal plasma cell disorder; a sclerotic bone
/// lesion or Castleman disease; and at least one of the other features
/// without other attributable cause".
///
/// "The other features" are read as Table 1's other minor criteria
/// (organomegaly, edema, endocrinopathy, skin changes, papilledema, and
/// whichever of sclerotic lesion / Castleman disease is not the one counted)
/// and Table 1's known associations (clubbing, weight loss, thrombocytosis,
/// polycythemia, hyperhidrosis). Whether a feature has another attributable
/// cause is for the clinician; the warning says so.
enum SeedMinimum {
    static let quote = "at a minimum, however, a patient must have: the peripheral neuropathy; monoclonal plasma cell disorder; a sclerotic bone lesion or Castleman disease; and at least one of the other features without other attributable cause"

    /// The warning, when the 2003 rule is met but the minimum is not shown to be.
    static func warning(_ context: EvaluationContext) -> Warning? {
        let set = context.evaluation(.dispenzieri2003)
        guard set.verdict == .meets else { return nil }
        func status(_ id: String) -> CriterionStatus { set.criterion(id)?.status ?? .unknown }
        let lesion = status("scleroticBoneLesions"), castleman = status("castlemanDisease")
        let anchor: CriterionStatus = lesion == .met || castleman == .met ? .met
            : (lesion == .notMet && castleman == .notMet ? .notMet : .unknown)
        // seed 004, Table 1: the other minor criteria and the known associations
        var others = ["organomegaly", "extravascularVolumeOverload", "endocrinopathy", "skinChanges", "papilledema"].map(status)
        others += [FindingID.clubbing, .weightLoss, .thrombocytosis, .polycythemia, .hyperhidrosis].map(context.status)
        if lesion == .met, castleman == .met { others.append(.met) }
        let other = Rule.atLeast(1, of: others)
        guard anchor != .met || other != .met else { return nil }

        var missing: [String] = []
        if anchor != .met {
            missing.append(anchor == .notMet ? "neither a sclerotic bone lesion nor Castleman disease is present"
                                             : "no sclerotic bone lesion or Castleman disease is reported present")
        }
        if other != .met {
            missing.append(other == .notMet ? "no other feature is present"
                                            : "no other feature (Table 1's other minor criteria or known associations) is reported present")
        }
        return Warning(
            code: .seedMinimumNotMet,
            message: "The 2003 rule of Table 1 is met, but the minimum that seed 004's text states is not shown: \(WarningRules.list(missing)). Seed 004: \"\(quote)\". Whether a feature has another attributable cause is for the clinician to judge.",
            source: "seed 004, Definition/diagnostic criteria; seed 004, Table 1")
    }
}
