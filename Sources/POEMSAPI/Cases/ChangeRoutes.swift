import Dispatch
import FastJSON
import HTTPServer
import POEMSStorage

/// `GET /v1/changes?after=SEQ&limit=N&wait=SECONDS`: the change feed, for
/// dashboards that follow the case store. Changes come in commit order,
/// each `{seq, caseId, kind, revision, at}`; a deletion or a purge is a
/// tombstone. A viewer key gets each change without its case id (``ViewerAccess``).
/// A client passes back `nextAfter` as `after`; nothing is skipped or
/// repeated, whatever writes run concurrently, because `seq` is assigned in
/// the write's transaction.
///
/// Cheap when nothing is new: an empty page, with an `ETag` (304 on
/// `If-None-Match`). With `wait` (1–30 s), an empty page is held — the
/// connection suspended, no thread held — until a change commits, the time
/// passes or the server shuts down.
enum ChangeRoutes {
    static let defaultLimit = 100
    static let maximumLimit = 1000
    static let maximumWait = 30

    struct Page: Encodable {
        struct Item: Encodable {
            let seq: Int64
            /// Absent for a viewer key, as `href` (``ViewerAccess``).
            let caseId: String?
            let kind: String
            let revision: Int
            let at: String
            /// The case, while it exists (absent for a tombstone: deleted or purged).
            let href: String?
        }

        let items: [Item]
        /// Pass as `after` for the next poll: the last `seq` here, or `after` when empty.
        let nextAfter: Int64
        /// True when the page is full: poll again at once.
        let more: Bool
    }

    struct Parameters {
        var after: Int64 = 0
        var limit = defaultLimit
        var wait = 0

        init(_ query: QueryParameters) throws(ProblemDetails) {
            if let text = query["after"] {
                guard let value = Int64(text), value >= 0 else {
                    throw .invalidParameter("after must be a whole number ≥ 0: 0, or nextAfter from the previous page.", parameter: "after")
                }
                after = value
            }
            if let text = query["limit"] {
                guard let value = Int(text), (1...ChangeRoutes.maximumLimit).contains(value) else {
                    throw .invalidParameter("limit must be a whole number from 1 to \(ChangeRoutes.maximumLimit).", parameter: "limit")
                }
                limit = value
            }
            if let text = query["wait"] {
                guard let value = Int(text), (0...ChangeRoutes.maximumWait).contains(value) else {
                    throw .invalidParameter("wait must be a whole number of seconds from 0 to \(ChangeRoutes.maximumWait).", parameter: "wait")
                }
                wait = value
            }
        }
    }

    static func register(in router: inout ProtectedRouter, store: any CaseStore, waiters: ChangeWaiters) {
        // A viewer key gets the changes without case ids (ViewerAccess).
        router.add("GET", "/v1/changes", .viewer, audit: .reads("case.changes"), query: ["after", "limit", "wait"], .deferred { request, context, sink in
            do {
                let parameters = try Parameters(request.query)
                let first = try store.changes(after: parameters.after, limit: parameters.limit)
                guard first.isEmpty, parameters.wait > 0 else {
                    return sink.complete(try response(first, parameters, context))
                }
                waiters.wait(after: parameters.after, seconds: parameters.wait) {
                    sink.complete(Result {
                        try response(try store.changes(after: parameters.after, limit: parameters.limit), parameters, context)
                    }.mapError(StorageProblem.map))
                }
            } catch {
                sink.complete(.failure(StorageProblem.map(error)))
            }
        })
    }

    /// The page, with a tag that names its content: changes are never
    /// rewritten, so `after`, `limit` and the last `seq` determine it.
    private static func response(_ changes: [CaseChange], _ parameters: Parameters, _ context: RequestContext) throws -> HTTPResponse {
        let redacted = ViewerAccess.redacts(context)
        let items = changes.map {
            Page.Item(seq: $0.seq, caseId: redacted ? nil : $0.caseID, kind: $0.kind.rawValue, revision: $0.revision, at: $0.at,
                      href: redacted || $0.kind == .deleted || $0.kind == .purged ? nil : CaseRepresentation.path($0.caseID))
        }
        let last = changes.last?.seq ?? parameters.after
        let body = Array(try JSONCoding.encoder.encode(Page(items: items, nextAfter: last, more: changes.count == parameters.limit)))
        let etag = EntityTag.of(identity: ViewerAccess.tagIdentity("changes:\(parameters.after):\(parameters.limit):\(last):\(ServiceVersion.current)", context))
        return .json(bytes: body, headers: ["ETag": etag])
    }
}
