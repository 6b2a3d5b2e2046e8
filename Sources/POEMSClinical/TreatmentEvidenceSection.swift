import FastJSON
import POEMSCriteria
import POEMSEvidence

/// The treatment evidence of an evaluation, tied to its headline verdict:
/// the members `treatmentEvidence` and `treatmentEvidenceWithheld`.
///
/// | headline verdict | `treatmentEvidence` | `treatmentEvidenceWithheld` |
/// |---|---|---|
/// | `meets` | the selection, `applicability: "criteria-met"` | `null` |
/// | `indeterminate` | the selection, `applicability: "only-if-poems-confirmed"` | `null` |
/// | `does-not-meet` | `null` | why it is not shown |
///
/// The guide: the service never shows treatment evidence as if it applied to
/// a patient it does not fit (seed 004's Table 3 reports intravenous
/// immunoglobulin as 0% improved in POEMS; it is a treatment of CIDP).
/// ``forVerdict(_:boneLesionExtent:)`` is the one place this is decided: the
/// evaluation path and any path that re-attaches evidence to a stored
/// evaluation use it.
public struct TreatmentEvidenceSection: Sendable {
    /// The evidence, or `nil` when withheld.
    public let evidence: TreatmentEvidenceSelection?
    /// Why the evidence is withheld, or `nil` when shown.
    public let withheldReason: String?

    /// Shown instead of the evidence when the headline verdict is `does-not-meet`.
    public static let withheldText = "The findings as given do not meet the headline criteria set, so the treatment evidence for POEMS syndrome is not shown: it describes patients with POEMS syndrome and does not apply to a patient who does not meet the criteria (seed 004's Table 3 reports, for example, that no POEMS patient improved with intravenous immunoglobulin, a treatment of CIDP). See the differential for the alternative diagnoses left open."

    /// The section for a headline verdict and the case's bone-lesion extent.
    public static func forVerdict(_ verdict: Verdict, boneLesionExtent: BoneLesionExtent?) -> TreatmentEvidenceSection {
        let extent = boneLesionExtent
        switch verdict {
        case .meets:
            return TreatmentEvidenceSection(
                evidence: .select(boneLesionExtent: extent, applicability: .criteriaMet), withheldReason: nil)
        case .indeterminate:
            return TreatmentEvidenceSection(
                evidence: .select(boneLesionExtent: extent, applicability: .onlyIfConfirmed), withheldReason: nil)
        case .doesNotMeet:
            return TreatmentEvidenceSection(evidence: nil, withheldReason: withheldText)
        }
    }

    /// The two members, encoded, in order.
    package func members() throws -> [(String, [UInt8])] {
        let encoder = JSONCoding.encoder
        return [("treatmentEvidence", Array(try encoder.encode(evidence))),
                ("treatmentEvidenceWithheld", Array(try encoder.encode(withheldReason)))]
    }
}
