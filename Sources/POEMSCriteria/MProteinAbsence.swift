/// Whether a monoclonal plasma cell disorder reported absent is established
/// as absent (REFERENCES.md, "When the M-protein counts as absent"; seed 004,
/// Monoclonal plasmaproliferative disorder).
///
/// - Reported absent with ``MProteinTests`` that include serum and urine
///   immunofixation and serum free light chains, and, where a sclerotic bone
///   lesion is present, a biopsy of that lesion: absent (criterion not met).
/// - Reported absent with ``MProteinTests`` that lack any of these: not
///   established; the criterion is unknown and its basis names what is
///   missing.
/// - Reported absent without ``MProteinTests``: taken as reported (the
///   service cannot tell how it was reached), with `m-protein-possibly-missed`.
extension FindingResolver {
    /// What the reported work-up lacks when the disorder is reported absent
    /// with its tests: `nil` when it is not reported absent, the tests are not
    /// given, or nothing is missing.
    var mProteinAbsenceGaps: [String]? {
        guard findings.monoclonalPlasmaCellDisorder == false, let tests = findings.mProteinTests else { return nil }
        let missing = tests.missingForAbsence(lesionPresent: scleroticLesionPresent)
        return missing.isEmpty ? nil : missing
    }

    /// A sclerotic bone lesion is present (reported).
    var scleroticLesionPresent: Bool {
        findings.scleroticBoneLesions == true
    }

    /// The status and basis of the plasma cell disorder reported absent, when
    /// its tests are given: unknown on an incomplete work-up, not met on a
    /// complete one. `nil` otherwise (the plain finding applies).
    var mProteinReportedAbsent: (status: CriterionStatus, basis: String)? {
        guard findings.monoclonalPlasmaCellDisorder == false, findings.mProteinTests != nil else { return nil }
        if let missing = mProteinAbsenceGaps {
            // REFERENCES.md, When the M-protein counts as absent; seed 004, Monoclonal plasmaproliferative disorder
            return (.unknown, "Unknown: reported absent, but the absence is not established: \(WarningRules.list(missing)) \(missing.count > 1 ? "are" : "is") not reported done. The protein counts as absent only after serum and urine immunofixation and the serum free light chain assay, and, where a sclerotic bone lesion is present, a biopsy of that lesion (REFERENCES.md, When the M-protein counts as absent). Seed 004: electrophoresis alone misses it in nearly one third of patients; fewer than 10% have no circulating protein but a biopsy-proven plasmacytoma.")
        }
        let biopsy = scleroticLesionPresent ? ", and the sclerotic bone lesion was biopsied" : ""
        return (.notMet, "Reported absent, and the absence is established: serum and urine immunofixation and the serum free light chain assay were done\(biopsy) (REFERENCES.md, When the M-protein counts as absent).")
    }
}
