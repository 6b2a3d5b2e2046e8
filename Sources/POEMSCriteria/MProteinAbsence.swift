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

    /// Laboratory values of this case that show a clone, in words: clonal
    /// bone-marrow plasma cells of 10% or more, or an involved/uninvolved
    /// serum free light chain ratio of 100 or more with the involved light
    /// chain at 100 mg/L or more (REFERENCES.md, multiple myeloma, IMWG 2014:
    /// the requirement and a biomarker of malignancy, both of a clonal plasma
    /// cell disorder).
    var clonalityShownByLabs: [String] {
        var shown: [String] = []
        if let marrow = labs.flags[.marrowPlasmaCells10PercentOrMore], marrow.status == .met {
            shown.append(marrow.summary.lowercasedFirst)
        }
        if let ratio = labs.flags[.freeLightChainRatio100OrMore], ratio.status == .met,
           let involved = labs.flags[.involvedFreeLightChain100OrMore], involved.status == .met
        {
            shown.append(ratio.summary.lowercasedFirst + ", with " + involved.summary.lowercasedFirst)
        }
        return shown
    }

    /// The status and basis of the plasma cell disorder reported absent:
    /// unknown when the labs of the same case show a clone (issue 9: a finding
    /// that contradicts its lab values decides nothing); with its tests given,
    /// unknown on an incomplete work-up, not met on a complete one. `nil`
    /// otherwise (the plain finding applies).
    var mProteinReportedAbsent: (status: CriterionStatus, basis: String)? {
        guard findings.monoclonalPlasmaCellDisorder == false else { return nil }
        let clone = clonalityShownByLabs
        if !clone.isEmpty {
            // REFERENCES.md, multiple myeloma (IMWG 2014); issue 9: contradictions are never resolved silently
            return (.unknown, "Unknown: the inputs contradict each other. A monoclonal plasma cell disorder is reported absent, but \(WarningRules.list(clone)), which only a clonal plasma cell disorder gives (IMWG 2014, REFERENCES.md). Resolve the contradiction (correct the finding or the laboratory value) to decide this criterion.")
        }
        guard findings.mProteinTests != nil else { return nil }
        if let missing = mProteinAbsenceGaps {
            // REFERENCES.md, When the M-protein counts as absent; seed 004, Monoclonal plasmaproliferative disorder
            return (.unknown, "Unknown: reported absent, but the absence is not established: \(WarningRules.list(missing)) \(missing.count > 1 ? "are" : "is") not reported done. The protein counts as absent only after serum and urine immunofixation and the serum free light chain assay, and, where a sclerotic bone lesion is present, a biopsy of that lesion (REFERENCES.md, When the M-protein counts as absent). Seed 004: electrophoresis alone misses it in nearly one third of patients; fewer than 10% have no circulating protein but a biopsy-proven plasmacytoma.")
        }
        let biopsy = scleroticLesionPresent ? ", and the sclerotic bone lesion was biopsied" : ""
        return (.notMet, "Reported absent, and the absence is established: serum and urine immunofixation and the serum free light chain assay were done\(biopsy) (REFERENCES.md, When the M-protein counts as absent).")
    }
}
