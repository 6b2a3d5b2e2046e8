import POEMSCriteria

/// A VEGF result whose specimen (serum or plasma) neither its code nor its
/// Specimen gives. Serum VEGF runs higher than plasma, and the cut-offs
/// differ (REFERENCES.md, Laboratory thresholds: plasma above 200 pg/mL,
/// Dispenzieri, Blood 2012; serum normal below 1040 pg/mL, Misawa et al., BMJ
/// Open 2015). A value on the same side of both cut-offs means the same
/// whichever the specimen, so it decides `vegfElevated`; between them the
/// specimen decides, and the result is present but not interpretable. The
/// laboratory's own upper limit, where given, belongs to the assay whatever
/// its specimen and wins (REFERENCES.md).
///
/// The comparisons are the criteria engine's own (its lab derivations, on
/// both scales), so the cut-offs are never restated here.
enum VEGFOfUnknownSpecimen {
    static func reading(_ value: Double, reported: String, laboratoryLimit: Double?, specimen: TerminologyRow.Specimen?) -> BundleReader.Reading {
        let target = "/findings/vegfElevated"
        let unknown = specimen == .serumOrPlasma
            ? "The specimen is coded serum or plasma without saying which (SNOMED CT 122592007)"
            : "Neither the code nor a specimen says whether this VEGF was measured in serum or plasma"
        if let limit = laboratoryLimit {
            let elevated = value > limit
            let why = "\(unknown); the laboratory's own upper limit, \(formatted(limit)) pg/mL, belongs to its assay whatever the specimen and wins (REFERENCES.md): VEGF \(formatted(value)) pg/mL is \(elevated ? "above" : "at or below") it, so VEGF is \(elevated ? "elevated" : "not elevated")."
            return .derived(elevated, why: why, reported: reported, target: target)
        }
        let labs = Labs(serumVegfPgPerMl: value, plasmaVegfPgPerMl: value)
        let comparisons = CriteriaEngine().evaluate(CaseInput(labs: labs), headline: .imwg2014).derivations
            .filter { $0.finding == "vegfElevated" }
        let results = Set(comparisons.map(\.result))
        let explained = comparisons.map {
            "\($0.labField.hasPrefix("plasma") ? "plasma" : "serum") cut-off \(formatted($0.thresholds.first?.value ?? 0)) pg/mL: \($0.result == .met ? "elevated" : "not elevated")"
        }.joined(separator: "; ")
        guard results.count == 1, let result = results.first, result != .unknown else {
            return .notInterpretable("\(unknown), and VEGF \(formatted(value)) pg/mL lies between the two cut-offs (\(explained); REFERENCES.md, Laboratory thresholds): the specimen decides, so the value is not used.", target: target)
        }
        let elevated = result == .met
        let why = "\(unknown), but VEGF \(formatted(value)) pg/mL is \(elevated ? "elevated" : "not elevated") whichever it is (\(explained); REFERENCES.md, Laboratory thresholds)."
        return .derived(elevated, why: why, reported: reported, target: target)
    }
}
