/// What the Bundle says about a criterion that the input's values cannot
/// carry: a result present but not interpretable, a finding derived from a
/// result (a VEGF of unknown specimen), or a Condition not confirmed. The
/// report is annotated with it (``FHIRFindings/annotate(_:)``), so that a
/// criterion the Bundle holds a result for is never shown as "not assessed".
/// Codable: a CDS card's work-up link carries the notes with the input.
public struct CriterionNote: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A result is present but cannot be read (unit, code, specimen):
        /// the work-up says to correct it, not to order the test.
        case notInterpretable = "not-interpretable"
        /// A finding set from a result in a way the plain finding does not
        /// show (a VEGF of unknown specimen above or below both cut-offs).
        case derived
        /// A Condition whose `verificationStatus` is provisional,
        /// differential or unconfirmed: not counted as present.
        case notConfirmed = "not-confirmed"
    }

    public let kind: Kind
    /// `resourceType/id` of the resource.
    public let resource: String
    /// The JSON pointer of the input value the resource is about.
    public let target: String
    /// The test or finding in words (`serum free light chain ratio`).
    public let subject: String
    /// Why, in words; never patient data beyond the value itself.
    public let text: String

    /// The criterion id the target informs, or `nil` (calcium, creatinine:
    /// the differential, no criterion).
    public var criterion: String? { Self.criterion(of: target) }

    /// `/findings/organomegaly/hepatomegaly` → `organomegaly`; the labs and
    /// M-protein tests to the criterion they decide.
    static func criterion(of target: String) -> String? {
        let parts = target.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        switch (parts[0], parts[1]) {
        case ("labs", "serumVegfPgPerMl"), ("labs", "plasmaVegfPgPerMl"), ("labs", "vegfUpperLimitPgPerMl"): return "vegfElevated"
        case ("labs", "hemoglobinGPerDl"), ("labs", "plateletCount10e9PerL"),
             ("findings", "thrombocytosis"), ("findings", "polycythemia"): return "thrombocytosisOrPolycythemia"
        case ("labs", _): return nil
        case ("findings", "mProteinTests"): return "monoclonalPlasmaCellDisorder"
        case ("findings", let finding): return finding
        default: return nil
        }
    }
}
