/// Where a work-up item falls in clinical order: non-invasive tests that
/// settle the most first, then targeted tests, invasive tests last (issue 9:
/// skeletal imaging by X-rays and CT, seed 000; endocrine, fundoscopy and
/// cardiopulmonary evaluation, seed 003; biopsy of a lesion, seed 004).
///
/// ``WorkupSuggestion/priority`` ranks the items: by stage, then by how many
/// criteria sets the item could decide (more first), then in catalog order;
/// except that myeloma staging comes first when a myeloma-defining event is
/// present, and the cardiopulmonary evaluation, which decides no criterion,
/// last (issue 21; ``WorkupPlan``).
public enum WorkupStage: String, Codable, Sendable, CaseIterable {
    /// Blood and urine tests, imaging, nerve conduction, examination.
    case nonInvasive = "non-invasive"
    /// Tests aimed at one organ system: endocrine, fundoscopy, cardiopulmonary, bone marrow.
    case targeted
    /// Tissue biopsies.
    case invasive

    var rank: Int {
        switch self {
        case .nonInvasive: 0
        case .targeted: 1
        case .invasive: 2
        }
    }
}
