/// The version of the criteria engine, reported in every evaluation.
///
/// Bump it whenever a rule, threshold, part list or message changes, so that a
/// stored report can be traced to the logic that produced it.
public enum CriteriaEngineVersion {
    /// The current engine version. 2.0.0 (issue 9): the differential, warning
    /// severities, the summary, work-up priorities, unit refusals, a finding
    /// contradicting its lab made unknown, plasma VEGF deciding over serum and
    /// serum VEGF elevated at 1040 pg/mL. 3.0.0 (issue 21): a plasma cell
    /// disorder reported absent on an incomplete work-up is unknown; multiple
    /// myeloma by the IMWG 2014 definition (new inputs, the
    /// `myeloma-defining-event` warning, staging first); AL amyloidosis kept
    /// open after a negative screening biopsy; the differential ordered by
    /// strength; clinical text without field names. Stored revisions of
    /// earlier versions read back as stored; every new input is optional.
    public static let current = "3.0.0"

    /// The date (UTC, ISO 8601) the rules last changed: the release of 3.0.0
    /// and its clinical review (issue 21), both on 2026-12-07. Set it with
    /// every change that bumps ``current``; the source attributes of every
    /// criteria set report it as the rules' release and revision date.
    public static let date = "2026-12-07"
}
