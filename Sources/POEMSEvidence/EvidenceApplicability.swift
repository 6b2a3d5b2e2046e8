/// Whether the treatment evidence of an evaluation applies to the patient,
/// given the headline verdict.
///
/// - `criteriaMet`: the headline criteria set is met by the findings as given.
/// - `onlyIfConfirmed`: the headline verdict is indeterminate; the evidence
///   applies only if POEMS syndrome is confirmed.
///
/// When the headline verdict is `does-not-meet` no evidence is shown.
public enum EvidenceApplicability: String, Sendable, Codable, CaseIterable {
    case criteriaMet = "criteria-met"
    case onlyIfConfirmed = "only-if-poems-confirmed"

    /// The sentence shown beside the evidence.
    public var note: String {
        switch self {
        case .criteriaMet:
            "The headline criteria set is met by the findings as given. This is what the sources report for patients with POEMS syndrome; it is retrospective and recommends no treatment."
        case .onlyIfConfirmed:
            "The headline verdict is indeterminate: this evidence applies only if POEMS syndrome is confirmed. It is what the sources report for patients with POEMS syndrome, not for the alternative diagnoses left open."
        }
    }
}
