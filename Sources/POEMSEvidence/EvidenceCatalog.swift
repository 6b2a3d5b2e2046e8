/// Entry point for the API layer: every payload this module serves, by route.
///
/// | route | value |
/// |---|---|
/// | `GET /v1/evidence/treatment-response` | ``treatmentResponse`` (seed 004, Table 3) |
/// | `GET /v1/evidence/treatment-response/{slug}` | ``TreatmentResponseTable/rowPayload(slug:)`` |
/// | `GET /v1/evidence/transplant-response` | ``transplantResponse`` (seed 004, Table 4) |
/// | `GET /v1/evidence/clinical-features` | ``clinicalFeatures`` (seed 004, Table 2) |
/// | `GET /v1/evidence/statements` | ``statements`` (seeds 004 and 003) |
public enum EvidenceCatalog {
    /// Seed 004, Table 3.
    public static let treatmentResponse = TreatmentResponseTable.dispenzieri2003
    /// Seed 004, Table 4.
    public static let transplantResponse = TransplantResponseTable.dispenzieri
    /// Seed 004, Table 2.
    public static let clinicalFeatures = ClinicalFeaturesTable.threeSeries
    /// The sourced therapy statements.
    public static let statements = TherapyStatements.payload
    /// Ids of the three tables, as used in URLs and in `tables` references.
    public static let tableIds = ["treatment-response", "transplant-response", "clinical-features"]
}
