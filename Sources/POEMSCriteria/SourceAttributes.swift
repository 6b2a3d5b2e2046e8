/// The source attributes of a criteria set as the service applies it, in the
/// manner of the source attributes the ONC HTI-1 rule asks of an
/// evidence-based decision support intervention (45 CFR 170.315(b)(11)):
/// the bibliographic citations, the developer, the
/// funding source, the release and revision dates, and the use of each
/// patient attribute the rule names.
///
/// JSON:
///
/// ```json
/// {"citations": ["Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548.", "..."],
///  "developer": "The poemsd project ...", "fundingSource": "none",
///  "releaseDates": {"criteriaPublished": "2014", "rulesVersion": "3.0.0", "rulesRevised": "2026-12-07"},
///  "patientAttributes": [{"attribute": "sex", "used": true, "use": "..."}, ...]}
/// ```
public struct SourceAttributes: Codable, Sendable, Equatable {
    /// The publications the criteria set comes from (author, journal, year).
    public var citations: [String]
    /// Who translated the published criteria into the service's rules.
    public var developer: String
    /// Who paid for that work: `"none"`.
    public var fundingSource: String
    public var releaseDates: ReleaseDates
    /// Each patient attribute the HTI-1 rule names, and whether and how the
    /// set's rules use it.
    public var patientAttributes: [PatientAttributeUse]

    /// When the criteria were published, and the version and last change of
    /// the rules that apply them (``CriteriaEngineVersion``).
    public struct ReleaseDates: Codable, Sendable, Equatable {
        /// The year the criteria set was published, e.g. `"2014"`.
        public var criteriaPublished: String
        /// ``CriteriaEngineVersion/current``.
        public var rulesVersion: String
        /// ``CriteriaEngineVersion/date``: the rules' release and last revision.
        public var rulesRevised: String
    }

    /// Whether the rules use one patient attribute, and for what.
    public struct PatientAttributeUse: Codable, Sendable, Equatable {
        public var attribute: String
        public var used: Bool
        public var use: String
    }

    static let developer = "The poemsd project: its developers translated the published criteria into the rules of this service."
    static let fundingSource = "none"

    /// What the rules do with the patient's sex: the polycythemia threshold
    /// (seed 004, Table 2), the one use the criteria code makes of it.
    static let polycythemiaThresholds = "the hemoglobin threshold for polycythemia: above 15 g/dL in females, above 17 g/dL in males (seed 004, Table 2); without the sex, a hemoglobin between the two leaves polycythemia undecided"

    /// The source attributes of a set whose rules decide polycythemia
    /// (`decidesPolycythemia`: a criterion reads it) or only report it (an
    /// associated feature of the set).
    static func of(criteriaPublished: String, citations: [String], decidesPolycythemia: Bool, reportsPolycythemia: Bool) -> SourceAttributes {
        let sex: PatientAttributeUse
        if decidesPolycythemia {
            sex = PatientAttributeUse(attribute: "sex", used: true, use: "Chooses " + polycythemiaThresholds + ".")
        } else if reportsPolycythemia {
            sex = PatientAttributeUse(attribute: "sex", used: true,
                                      use: "Only to report polycythemia, a known association that does not change this set's verdict: it chooses " + polycythemiaThresholds + ".")
        } else {
            sex = PatientAttributeUse(attribute: "sex", used: false,
                                      use: "No criterion or associated feature of this set uses it. An evaluation, which reports every criteria set, uses it for " + polycythemiaThresholds + ".")
        }
        // Read by the request reader and the FHIR reader (Patient.birthDate), validated, used by no rule (Patient.swift).
        let dateOfBirth = PatientAttributeUse(attribute: "date of birth", used: false,
                                              use: "Read as the age in years (ageYears, or a FHIR Patient's birthDate) and checked to be 0 to 150; no rule uses it.")
        let unread = ["race", "ethnicity", "language", "sexual orientation", "gender identity", "social determinants of health", "health status assessments"]
            .map { attribute in
                PatientAttributeUse(attribute: attribute, used: false,
                                    use: attribute == "gender identity"
                                        ? "Not read. A FHIR Patient's gender (administrative), when female or male, is read as the sex above."
                                        : "Not read.")
            }
        return SourceAttributes(
            citations: citations, developer: developer, fundingSource: fundingSource,
            releaseDates: ReleaseDates(criteriaPublished: criteriaPublished, rulesVersion: CriteriaEngineVersion.current,
                                       rulesRevised: CriteriaEngineVersion.date),
            patientAttributes: [sex, dateOfBirth] + unread)
    }
}
