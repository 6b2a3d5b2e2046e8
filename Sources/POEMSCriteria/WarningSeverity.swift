/// How urgently a clinician should look at a ``Warning``: the three
/// indicators of a CDS Hooks card.
///
/// - `critical`: the verdict may be wrong as reported: two inputs contradict
///   each other, or a finding was reported absent on a test known to miss it.
/// - `warning`: the picture is unusual for POEMS syndrome, a mimic must be
///   excluded, or an input is read in a way that changes its weight.
/// - `info`: explains how a criterion was read.
public enum WarningSeverity: String, Codable, Sendable, CaseIterable {
    case critical
    case warning
    case info
}
