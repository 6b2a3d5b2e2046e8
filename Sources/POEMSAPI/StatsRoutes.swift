import Foundation
import HTTPServer
import POEMSEvidence
import POEMSStorage

/// `GET /v1/stats`: for dashboards, counts over the latest revisions of the
/// stored cases: verdicts per criteria set, and how often each criterion is
/// met, beside its frequency in the Dispenzieri 2003 series of Table 2.
enum StatsRoutes {
    /// Criterion → Table 2 row (seed 004), where Table 2 has a matching row.
    /// VEGF is not in Table 2; Table 2 reports thrombocytosis and
    /// polycythemia separately, so the combined IMWG criterion has no single row.
    static let table2Rows: [String: String] = [
        "polyneuropathy": "peripheral-neuropathy",
        "monoclonalPlasmaCellDisorder": "monoclonal-plasma-cell-dyscrasia",
        "organomegaly": "organomegaly",
        "endocrinopathy": "endocrinopathy",
        "skinChanges": "skin-changes",
        "scleroticBoneLesions": "sclerotic-bone-lesions",
        "papilledema": "papilledema",
        "extravascularVolumeOverload": "extravascular-volume-overload",
        "castlemanDisease": "castleman-disease",
    ]

    struct Stats: Encodable {
        let cases: Int
        let verdicts: [String: [String: Int]]
        let criteria: [Criterion]
        let table2Series: String
        let note: String
        /// CDS Hooks card feedback: accepted, overridden, override reasons.
        let cdsFeedback: CDSFeedbackCounts
    }

    struct Criterion: Encodable {
        let criteriaSet: String
        let criterion: String
        let met: Int
        let notMet: Int
        let unknown: Int
        /// Share of stored cases in which the criterion is met, %, one decimal.
        let metPercent: Double?
        let table2: Table2Frequency?
    }

    struct Table2Frequency: Encodable {
        let row: String
        let feature: String
        let cell: EvidenceCell
    }

    static func register(in router: inout ProtectedRouter, store: any CaseStore, cds: any CDSStore) {
        let table = EvidenceCatalog.clinicalFeatures
        router.get("/v1/stats", .reader, audit: .reads("stats.read")) { request, _, _ in
            try QueryValidation.rejectUnknown(request.query, allowed: [])
            let feedback = try cds.feedbackCounts()
            let etag = EntityTag.of(identity: "stats:\(try store.changeSequence()):\(feedback.accepted):\(feedback.overridden):\(ServiceVersion.current)")
            let statistics = try store.statistics()
            let criteria = statistics.criteria.map { count in
                let total = count.met + count.notMet + count.unknown
                let row = table2Rows[count.criterion].flatMap { table.row(slug: $0) }
                return Criterion(
                    criteriaSet: count.criteriaSet, criterion: count.criterion, met: count.met, notMet: count.notMet, unknown: count.unknown,
                    metPercent: total == 0 ? nil : (Double(count.met) * 1000 / Double(total)).rounded() / 10,
                    table2: row.flatMap { row in row.cells.map { Table2Frequency(row: row.slug, feature: row.feature, cell: $0.dispenzieri2003) } })
            }
            let body = Array(try JSONCoding.encoder.encode(Stats(
                cases: statistics.cases, verdicts: statistics.verdicts, criteria: criteria,
                table2Series: "Dispenzieri A, et al, 2003 (n=99), seed 004 Table 2",
                note: "Stored cases are whoever this service was asked about, not a series: the comparison with Table 2 describes the stored cases, it does not validate them.",
                cdsFeedback: feedback)))
            return ConditionalRequest.respond(to: request, body: body, etag: etag, headers: ["Cache-Control": "private, no-cache"])
        }
    }
}
