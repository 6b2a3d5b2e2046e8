import Foundation
import HTTPServer
import POEMSClinical
import POEMSCriteria
import POEMSStorage

/// The query of `GET /v1/cases`, validated.
struct CaseListParameters {
    static let names: Set<String> = ["verdict", "criteria", "patientRef", "updatedSince", "limit", "cursor"]
    static let defaultLimit = 50
    static let maximumLimit = 200

    var query: CaseListQuery
    /// The canonical text of the query, for the ETag.
    var canonical: String

    init(_ parameters: QueryParameters, defaultCriteriaSet: CriteriaSetID) throws(ProblemDetails) {
        let criteriaSet = try CriteriaQuery.headline(parameters) ?? defaultCriteriaSet
        var query = CaseListQuery(criteriaSet: criteriaSet.rawValue, limit: Self.defaultLimit)
        if let verdict = parameters["verdict"] {
            guard Verdict(rawValue: verdict) != nil else {
                throw .invalidParameter("verdict must be one of \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")).", parameter: "verdict")
            }
            query.verdict = verdict
        }
        if let patientRef = parameters["patientRef"] {
            guard !patientRef.isEmpty else { throw .invalidParameter("patientRef must not be empty.", parameter: "patientRef") }
            query.patientRef = patientRef
        }
        if let since = parameters["updatedSince"] {
            guard let timestamp = Timestamp.normalized(since) else {
                throw .invalidParameter("updatedSince must be an RFC 3339 timestamp such as 2026-11-21T09:30:00Z.", parameter: "updatedSince")
            }
            query.updatedSince = timestamp
        }
        if let limit = parameters["limit"] {
            guard let value = Int(limit), (1...Self.maximumLimit).contains(value) else {
                throw .invalidParameter("limit must be a whole number from 1 to \(Self.maximumLimit).", parameter: "limit")
            }
            query.limit = value
        }
        if let cursor = parameters["cursor"] {
            guard let position = Cursor.decode(cursor) else {
                throw .invalidParameter("cursor is not one this service issued; use nextCursor from a listing.", parameter: "cursor")
            }
            query.after = position
        }
        self.query = query
        canonical = [query.verdict, query.criteriaSet, query.patientRef, query.updatedSince, String(query.limit), query.after.map(String.init)]
            .map { $0 ?? "-" }.joined(separator: "\u{1f}")
    }

    /// A strong tag of this query's answer while nothing is written.
    func etag(changeSequence: Int64, _ context: RequestContext) -> String {
        EntityTag.of(identity: ViewerAccess.tagIdentity("cases:\(canonical):\(changeSequence):\(ServiceVersion.current)", context))
    }
}

/// The body of `GET /v1/cases`.
struct CaseListing: Encodable {
    struct Item: Encodable {
        /// Absent for a viewer key, as `patientRef` and `href` (``ViewerAccess``).
        let id: String?
        let patientRef: String?
        let createdAt: String
        let updatedAt: String
        let revision: Int
        let verdicts: [String: String]
        let href: String?
        // From the digest stored with the latest revision; absent for cases
        // last written before it was kept (migration 0010).
        let headline: CaseDigest.Headline?
        let warnings: [ListedWarning]?
        let differential: [String]?
        let undetermined: [String: Int]?
        let firstWorkup: CaseDigest.WorkupStep?
    }

    let items: [Item]
    let criteriaSet: String
    let limit: Int
    /// Pass as `cursor` for the next page; absent on the last page.
    let nextCursor: String?

    /// A warning of a listed case: its code and severity, and its title in words.
    struct ListedWarning: Encodable {
        let code: String
        let severity: String
        /// ``WarningCode/title``; absent for a code this release does not know.
        let title: String?
    }

    /// - Parameter redacted: leave out each case's id, patient reference and link (a viewer key).
    init(page: CasePage, parameters: CaseListParameters, redacted: Bool) {
        let decoder = JSONDecoder()
        items = page.items.map {
            let digest = $0.digest.flatMap { try? decoder.decode(CaseDigest.self, from: Data($0.utf8)) }
            let warnings = digest?.warnings.map {
                ListedWarning(code: $0.code, severity: $0.severity, title: WarningCode(rawValue: $0.code)?.title)
            }
            return Item(id: redacted ? nil : $0.id, patientRef: redacted ? nil : $0.patientRef, createdAt: $0.createdAt, updatedAt: $0.updatedAt,
                        revision: $0.revision, verdicts: $0.verdicts, href: redacted ? nil : CaseRepresentation.path($0.id),
                        headline: digest?.headline, warnings: warnings, differential: digest?.differential,
                        undetermined: digest?.undetermined, firstWorkup: digest?.firstWorkup)
        }
        criteriaSet = parameters.query.criteriaSet
        limit = parameters.query.limit
        nextCursor = page.next.map(Cursor.encode)
    }
}

/// Opaque listing cursors: the position after which the next page starts.
/// Cases are listed in creation order, so a page boundary never moves:
/// cases created meanwhile come after it (no duplicates, no skips).
enum Cursor {
    /// `p` and the position in decimal: a form the API description states
    /// exactly (`^p(0|[1-9][0-9]{0,17})$`), so that every cursor it allows is one this
    /// service takes.
    static func encode(_ position: Int64) -> String { "p\(position)" }

    /// The position of a cursor, or `nil` when it is not one this service
    /// issues; cursors issued before the decimal form (base64url of it) still read.
    static func decode(_ cursor: String) -> Int64? {
        guard cursor.utf8.count <= 32 else { return nil }
        if let position = position(cursor) { return position }
        guard let bytes = Base64URL.decode(cursor), let text = String(bytes: bytes, encoding: .utf8) else { return nil }
        return position(text)
    }

    private static func position(_ text: String) -> Int64? {
        let digits = text.utf8.dropFirst()
        guard text.utf8.first == UInt8(ascii: "p"), !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(text.dropFirst())
    }
}
