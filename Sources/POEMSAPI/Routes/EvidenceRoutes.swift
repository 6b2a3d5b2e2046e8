import HTTPServer
import POEMSEvidence

/// The published evidence, read-only and exactly as printed in seed 004:
///
/// - `GET /v1/evidence/treatment-response` — Table 3 (`?sort=`, `?order=`,
///   `?minImproved=`, `?q=`)
/// - `GET /v1/evidence/treatment-response/{treatment}` — one Table 3 row by slug
/// - `GET /v1/evidence/transplant-response` — Table 4
/// - `GET /v1/evidence/clinical-features` — Table 2
/// - `GET /v1/evidence/statements` — sourced narrative figures (seeds 004, 003)
///
/// The documents never change while the process runs: they are encoded once
/// and served with a strong `ETag`.
enum EvidenceRoutes {
    static let treatmentQueryParameters: Set<String> = ["sort", "order", "minImproved", "q"]

    static func register(in router: inout ProtectedRouter) throws {
        let table3 = EvidenceCatalog.treatmentResponse
        let treatmentResponse = try CacheableJSON(table3)
        let transplant = try CacheableJSON(EvidenceCatalog.transplantResponse)
        let features = try CacheableJSON(EvidenceCatalog.clinicalFeatures)
        let statements = try CacheableJSON(EvidenceCatalog.statements)
        let rows: [String: CacheableJSON] = try table3.rows.reduce(into: [:]) { rows, row in
            if let payload = table3.rowPayload(slug: row.slug) { rows[row.slug] = try CacheableJSON(payload) }
        }

        let cached = CacheableJSON.cacheControl
        router.get("/v1/evidence/treatment-response", .reader, query: treatmentQueryParameters, cacheControl: cached) { request, _ in
            let query = try TreatmentQuery(request.query)
            guard query.isFiltered else { return treatmentResponse.response }
            var selected = TreatmentResponseQuery.filtered(table3.rows, minimumImproved: query.minimumImproved, nameContains: query.text)
            if let key = query.sortKey {
                selected = TreatmentResponseQuery.sorted(selected, by: key, order: query.order)
            } else if query.order == .descending {
                selected.reverse()  // the printed order, last row first
            }
            return try CacheableJSON(table3.withRows(selected)).response
        }
        router.get("/v1/evidence/treatment-response/{treatment}", .reader, cacheControl: cached) { _, context in
            let slug = context.parameter("treatment")
            guard let row = rows[slug] else {
                throw ProblemDetails.notFound("No treatment '\(slug)' in Table 3; known: \(table3.rows.map(\.slug).joined(separator: ", ")).")
            }
            return row.response
        }
        router.get("/v1/evidence/transplant-response", .reader, cacheControl: cached) { _, _ in transplant.response }
        router.get("/v1/evidence/clinical-features", .reader, cacheControl: cached) { _, _ in features.response }
        router.get("/v1/evidence/statements", .reader, cacheControl: cached) { _, _ in statements.response }
    }

    /// The Table 3 query parameters, validated.
    struct TreatmentQuery {
        var sortKey: TreatmentResponseSortKey?
        /// Without `sortKey`, the direction of the printed order.
        var order: EvidenceSortOrder = .ascending
        var minimumImproved: Int?
        var text: String?

        var isFiltered: Bool { sortKey != nil || order == .descending || minimumImproved != nil || text != nil }

        init(_ query: QueryParameters) throws(ProblemDetails) {
            if let sort = query["sort"] {
                guard let key = TreatmentResponseSortKey(rawValue: sort) else {
                    throw .invalidParameter("sort must be one of \(TreatmentResponseSortKey.allCases.map(\.rawValue).joined(separator: ", ")).", parameter: "sort")
                }
                sortKey = key
            }
            if let order = query["order"] {
                switch order {
                case "asc", "ascending": self.order = .ascending
                case "desc", "descending": self.order = .descending
                default: throw .invalidParameter("order must be asc or desc.", parameter: "order")
                }
            }
            if let minimum = query["minImproved"] {
                guard let value = Int(minimum), (0...100).contains(value) else {
                    throw .invalidParameter("minImproved must be a whole percentage from 0 to 100.", parameter: "minImproved")
                }
                minimumImproved = value
            }
            if let text = query["q"] {
                guard !text.isEmpty, text.count <= 100 else { throw .invalidParameter("q must be 1 to 100 characters.", parameter: "q") }
                self.text = text
            }
        }
    }
}
