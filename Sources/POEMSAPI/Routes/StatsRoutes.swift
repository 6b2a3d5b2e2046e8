import FastJSON
import Foundation
import HTTPServer
import POEMSClinical
import POEMSCriteria
import POEMSEvidence
import POEMSStorage

/// `GET /v1/stats?criteria=&since=&until=`: for dashboards, counts over the
/// latest revisions of the stored cases: verdicts per criteria set, and per
/// criterion how many cases meet it, do not, or leave it unknown, with the
/// share met among the cases where it was assessed — beside its frequency in
/// the Dispenzieri 2003 series of Table 2 and that series' denominator.
/// `asOf` names the change-feed position the counts include.
enum StatsRoutes {
    struct Stats: Encodable {
        let cases: Int
        let verdicts: [String: [String: Int]]
        let criteria: [Criterion]
        let filters: Filters
        let asOf: AsOf
        let table2Series: String
        let note: String
        /// CDS Hooks card feedback: accepted, overridden, override reasons.
        let cdsFeedback: CDSFeedbackCounts
    }

    struct Filters: Encodable {
        let criteria: [String]?
        let since: String?
        let until: String?
    }

    struct AsOf: Encodable {
        /// Every change up to this `seq` of `/v1/changes` is counted.
        let seq: Int64
        /// When that change was written.
        let at: String?
    }

    struct Criterion: Encodable {
        let criteriaSet: String
        let criterion: String
        let met: Int
        let notMet: Int
        let unknown: Int
        /// Cases where the criterion was assessed: met + not met.
        let assessed: Int
        /// Share met among the assessed cases, %, one decimal; absent when none was assessed.
        let metPercentOfAssessed: Double?
        let table2: Table2Frequency?
    }

    struct Table2Frequency: Encodable {
        let row: String
        let feature: String
        /// The printed percentage (`nil` when Table 2 prints none).
        let percent: Int?
        /// The series' size: Table 2's percentages are of these patients.
        let n: Int?
        let cell: EvidenceCell
    }

    struct Parameters {
        var query = CaseStatisticsQuery()

        init(_ parameters: QueryParameters) throws(ProblemDetails) {
            if let text = parameters["criteria"] {
                let ids = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard !ids.isEmpty, ids.allSatisfy({ CriteriaSetID(rawValue: $0) != nil }) else {
                    throw .invalidParameter("criteria must be a comma-separated list of \(CriteriaSetID.allCases.map(\.rawValue).joined(separator: ", ")).",
                                            parameter: "criteria")
                }
                query.criteriaSets = Array(Set(ids)).sorted()
            }
            for name in ["since", "until"] {
                guard let text = parameters[name] else { continue }
                guard let timestamp = Timestamp.normalized(text) else {
                    throw .invalidParameter("\(name) must be an RFC 3339 timestamp such as 2026-11-21T09:30:00Z.", parameter: name)
                }
                if name == "since" { query.since = timestamp } else { query.until = timestamp }
            }
        }

        var canonical: String { StatisticsCache.key(query) }
    }

    /// Served from `cache` (``StatisticsCache``: current after every case
    /// write and feedback this instance sees, at most its `maximumAge` old).
    static func register(in router: inout ProtectedRouter, cache: StatisticsCache) {
        let table = EvidenceCatalog.clinicalFeatures
        let n = table.columns.first { $0.key == Table2Crosswalk.column }?.n
        // Counts only: a viewer key gets them as a reader does (ViewerAccess).
        router.get("/v1/stats", .viewer, audit: .reads("stats.read"), query: ["criteria", "since", "until"]) { request, _ in
            let parameters = try Parameters(request.query)
            let (statistics, feedback) = try cache.statistics(parameters.query)
            let criteria = statistics.criteria.map { count in
                let assessed = count.met + count.notMet
                let row = Table2Crosswalk.rows[count.criterion].flatMap { table.row(slug: $0) }
                return Criterion(
                    criteriaSet: count.criteriaSet, criterion: count.criterion, met: count.met, notMet: count.notMet, unknown: count.unknown,
                    assessed: assessed,
                    metPercentOfAssessed: assessed == 0 ? nil : (Double(count.met) * 1000 / Double(assessed)).rounded() / 10,
                    table2: row.flatMap { row in row.cells.map {
                        Table2Frequency(row: row.slug, feature: row.feature, percent: $0.dispenzieri2003.value, n: n, cell: $0.dispenzieri2003)
                    } })
            }
            let body = Array(try JSONCoding.encoder.encode(Stats(
                cases: statistics.cases, verdicts: statistics.verdicts, criteria: criteria,
                filters: Filters(criteria: parameters.query.criteriaSets, since: parameters.query.since, until: parameters.query.until),
                asOf: AsOf(seq: statistics.asOfSeq, at: statistics.asOfAt),
                table2Series: "Dispenzieri A, et al, 2003 (n=99), seed 004 Table 2",
                note: "Stored cases are whoever this service was asked about, not a series: the comparison with Table 2 describes the stored cases, it does not validate them. metPercentOfAssessed counts only cases where the criterion was assessed (met or not met); unknown is reported apart.",
                cdsFeedback: feedback)))
            // The counts are determined by the filters, the feed position and the card feedback.
            let etag = EntityTag.of(identity: "stats:\(parameters.canonical):\(statistics.asOfSeq):\(feedback.accepted):\(feedback.overridden):\(ServiceVersion.current)")
            return .json(bytes: body, headers: ["ETag": etag])
        }
    }
}
