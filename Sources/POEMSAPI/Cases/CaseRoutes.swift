import Dispatch
import FastJSON
import Foundation
import HTTPServer
import POEMSClinical
import POEMSCriteria
import POEMSStorage

/// Case records:
///
/// - `POST /v1/cases` — validate, evaluate, store revision 1 (201, `Location`,
///   `ETag`); `Idempotency-Key` replays the first response for a retry. The
///   body is the service's JSON or a FHIR Bundle holding its Patient
///   (``CaseSubmission/init(fhir:unmapped:)``)
/// - `GET /v1/cases/{id}` — the latest revision (`ETag`, 304 on `If-None-Match`)
/// - `PUT /v1/cases/{id}` — a new revision; `If-Match` required (428, 412)
/// - `PATCH /v1/cases/{id}` — a new revision from a JSON merge patch of the
///   current one (``CaseMergePatch``); `If-Match` required
/// - `DELETE /v1/cases/{id}` — gone from reads, revisions kept and marked
/// - `GET /v1/cases/{id}/revisions` — the history
/// - `GET /v1/cases` — filtered, cursor-paged listing (`ETag`, 304); for a
///   viewer key without ids and patient references (``ViewerAccess``)
///
/// A purged case (`poemsd cases purge`) answers 410 Gone on the routes of
/// one case, a deleted or unknown one 404.
///
/// Writes are deferred: the connection is suspended while the store's
/// group-commit writer commits the write together with its audit event, and
/// the answer, rendered before the write, is sent only once both are durable.
enum CaseRoutes {
    static func register(in router: inout ProtectedRouter, store: any CaseStore, service: EvaluationService, terminology: TerminologyCatalog,
                         maximumFHIRBodyBytes: Int) {
        router.add("POST", "/v1/cases", .writer, audit: .writes("case.create"), query: ["criteria", "unmapped"],
                   fhirBodyBytes: maximumFHIRBodyBytes, .deferred { request, context, sink in
            do {
                let (principal, auditor) = try writer(context)
                let headline = try CriteriaQuery.headline(request.query)
                let idempotency = try IdempotencyKey.claim(request, scope: principal.keyName)
                // A retry is answered from a reader, without the writer.
                if let idempotency, let outcome = try store.replay(idempotency) {
                    return sink.complete(Result { try createResponse(outcome, service: service) })
                }
                // JSON or a FHIR Bundle (provenance, unmapped and input warnings go into the draft).
                let submission = try CaseSubmission.decode(request, terminology: terminology)
                let draft = try CaseRepresentation.draft(submission, service: service, headline: headline)
                let record = CaseRecord.new(patientRef: submission.patientRef, draft: draft)
                // Rendered before the write: the writer only writes.
                let created = try createdResponse(record, service: service)
                let audit: WriteAudit<CreateOutcome> = auditor.audit(
                    status: { result in (try? result.get()).map(createStatus) ?? StorageProblem.map(result.error!).status },
                    caseID: { result in (try? result.get()).flatMap(createdCaseID) })
                store.create(record, draft: draft, idempotency: idempotency, audit: audit) { result in
                    auditor.settle(result)
                    switch result {
                    case .success(.created):
                        sink.complete(created)
                    case .success(.replayedCreation):
                        // A concurrent retry won the race (rare): render off the writer.
                        DispatchQueue.global().async { sink.complete(Result { try createResponse(result.get(), service: service) }) }
                    default:
                        sink.complete(Result { try createResponse(result.mapError(StorageProblem.map).get(), service: service) })
                    }
                }
            } catch {
                sink.complete(.failure(StorageProblem.map(error)))
            }
        })

        // A poll of an unchanged case: one indexed lookup, no rendering
        // (the conditional GET middleware answers from the current tag).
        let currentTag: @Sendable (HTTPRequest, RequestContext) throws -> String? = { _, context in
            let id = context.parameter("id")
            return try store.currentRevision(id: id).map { CaseRepresentation.etag(id: id, revision: $0) }
        }
        router.get("/v1/cases/{id}", .reader, audit: .reads("case.read"), currentEntityTag: currentTag) { _, context in
            let id = context.parameter("id")
            guard let record = try store.fetch(id: id) else { throw try absent(id, store) }
            // Accept-Patch: the case takes PATCH, in this format (RFC 5789 §3.1).
            return .json(bytes: try CaseRepresentation.json(record, service: service),
                         headers: ["ETag": CaseRepresentation.etag(id: id, revision: record.revision),
                                   "Accept-Patch": JSONMergePatch.mediaType])
        }

        router.add("PUT", "/v1/cases/{id}", .writer, audit: .writes("case.update"), query: ["criteria", "unmapped"],
                   fhirBodyBytes: maximumFHIRBodyBytes, .deferred { request, context, sink in
            do {
                let id = context.parameter("id")
                let headline = try CriteriaQuery.headline(request.query)
                let ifMatch = try requiredIfMatch(request, id: id)
                let submission = try CaseSubmission.decode(request, terminology: terminology)
                try revise(id, ifMatch: ifMatch, headline: headline, context: context, sink: sink, store: store, service: service) { current in
                    if let patientRef = submission.patientRef, patientRef != current.patientRef {
                        throw CaseMergePatch.patientRefFixed("patientRef cannot be changed; omit it or send the case's own.")
                    }
                    return submission
                }
            } catch {
                sink.complete(.failure(StorageProblem.map(error)))
            }
        })

        // A JSON merge patch (RFC 7396) of the current revision: read before
        // the case is looked up, applied to the revision If-Match names.
        router.add("PATCH", "/v1/cases/{id}", .writer, audit: .writes("case.update"), query: ["criteria"], .deferred { request, context, sink in
            do {
                let id = context.parameter("id")
                let headline = try CriteriaQuery.headline(request.query)
                let patch = try request.mergePatch()
                let ifMatch = try requiredIfMatch(request, id: id)
                try revise(id, ifMatch: ifMatch, headline: headline, context: context, sink: sink, store: store, service: service) { current in
                    try CaseMergePatch.submission(patch, current: current)
                }
            } catch {
                sink.complete(.failure(StorageProblem.map(error)))
            }
        })

        router.add("DELETE", "/v1/cases/{id}", .writer, audit: .writes("case.delete"), .deferred { request, context, sink in
            do {
                let (_, auditor) = try writer(context)
                let id = context.parameter("id")
                var expected: Int?
                if let ifMatch = request.headers.combined("If-Match") {
                    guard let revision = try store.currentRevision(id: id) else { throw try absent(id, store) }
                    guard CaseRepresentation.matches(ifMatch: ifMatch, id: id, currentRevision: revision) else { throw preconditionFailed(id) }
                    expected = revision
                }
                let audit: WriteAudit<Void> = auditor.audit(
                    status: { result in result.error.map { StorageProblem.map($0).status } ?? 204 }, caseID: { _ in id })
                store.delete(id: id, expectedRevision: expected, audit: audit) { result in
                    auditor.settle(result)
                    sink.complete(result.map { HTTPResponse(status: 204) }.mapError(StorageProblem.map))
                }
            } catch {
                sink.complete(.failure(StorageProblem.map(error)))
            }
        })

        router.get("/v1/cases/{id}/revisions", .reader, audit: .reads("case.revisions")) { _, context in
            let id = context.parameter("id")
            guard let revisions = try store.revisions(id: id), let latest = revisions.last else { throw try absent(id, store) }
            let etag = CaseRepresentation.etag(id: id, revision: latest.number)
            var body = Array(#"{"id":"#.utf8) + Array(try JSONCoding.encoder.encode(id)) + Array(#","revisions":["#.utf8)
            for (index, revision) in revisions.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body += try CaseRepresentation.json(revision, service: service)
            }
            body += Array("]}".utf8)
            return .json(bytes: body, headers: ["ETag": etag])
        }

        // A viewer key gets the listing without ids and patient references (ViewerAccess).
        router.get("/v1/cases", .viewer, audit: .reads("case.list"), query: CaseListParameters.names) { request, context in
            try ViewerAccess.forbid("patientRef", in: request, context)
            let parameters = try CaseListParameters(request.query, defaultCriteriaSet: service.defaultCriteriaSet)
            // The change counter moves with every write: same counter, same query, same page.
            let etag = parameters.etag(changeSequence: try store.changeSequence(), context)
            let page = try store.list(parameters.query)
            let listing = CaseListing(page: page, parameters: parameters, redacted: ViewerAccess.redacts(context))
            let body = Array(try JSONCoding.encoder.encode(listing))
            return .json(bytes: body, headers: ["ETag": etag])
        }
    }

    /// The `If-Match` of a `PUT` or `PATCH`, required (428 without): two
    /// writers must not overwrite each other.
    private static func requiredIfMatch(_ request: HTTPRequest, id: String) throws(ProblemDetails) -> String {
        guard let ifMatch = request.headers.combined("If-Match") else {
            throw ProblemDetails(type: ProblemDetails.typeURI("precondition-required"), title: "Precondition Required", status: 428,
                                 detail: "\(request.method) needs If-Match with the case's current ETag (from GET /v1/cases/\(id)), so that two writers cannot overwrite each other.")
        }
        return ifMatch
    }

    /// Writes the next revision of case `id`, made by `submission` from the
    /// current one, if `ifMatch` names it (412 otherwise, and when another
    /// write commits first), and answers the case at that revision.
    private static func revise(_ id: String, ifMatch: String, headline: CriteriaSetID?, context: RequestContext, sink: ResponseSink,
                               store: any CaseStore, service: EvaluationService,
                               submission: (CaseRecord) throws -> CaseSubmission) throws {
        let (_, auditor) = try writer(context)
        guard let current = try store.fetch(id: id) else { throw try absent(id, store) }
        guard CaseRepresentation.matches(ifMatch: ifMatch, id: id, currentRevision: current.revision) else {
            throw preconditionFailed(id)
        }
        let draft = try CaseRepresentation.draft(try submission(current), service: service, headline: headline)
        let record = CaseRecord.next(id: id, patientRef: current.patientRef, createdAt: current.createdAt,
                                     number: current.revision + 1, draft: draft)
        let updated = HTTPResponse.json(bytes: try CaseRepresentation.json(record, service: service), headers: [
            "ETag": CaseRepresentation.etag(id: id, revision: record.revision)])
        let audit: WriteAudit<CaseRecord> = auditor.audit(
            status: { result in result.error.map { StorageProblem.map($0).status } ?? 200 }, caseID: { _ in id })
        store.update(record, draft: draft, audit: audit) { result in
            auditor.settle(result)
            sink.complete(result.map { _ in updated }.mapError(StorageProblem.map))
        }
    }

    /// The caller and the write's audit event, which the chain provides
    /// for every write route.
    private static func writer(_ context: RequestContext) throws(ProblemDetails) -> (Principal, WriteAuditor) {
        guard let principal = context.principal, let auditor = context.writeAuditor else { throw .internalError() }
        return (principal, auditor)
    }

    /// The 201 of a new case.
    private static func createdResponse(_ record: CaseRecord, service: EvaluationService) throws -> HTTPResponse {
        .json(bytes: try CaseRepresentation.json(record, service: service), status: 201, headers: [
            "Location": CaseRepresentation.path(record.id),
            "ETag": CaseRepresentation.etag(id: record.id, revision: record.revision),
        ])
    }

    /// The answer to a create, replays marked `Idempotent-Replayed`.
    private static func createResponse(_ outcome: CreateOutcome, service: EvaluationService) throws -> HTTPResponse {
        switch outcome {
        case .created(let record):
            return try createdResponse(record, service: service)
        case .replayedCreation(let record):
            var replay = try createdResponse(record, service: service)
            replay.headers.set("Idempotent-Replayed", "true")
            return replay
        case .keyReused:
            throw IdempotencyKey.reusedProblem
        }
    }

    private static func createStatus(_ outcome: CreateOutcome) -> Int {
        switch outcome {
        case .created, .replayedCreation: 201
        case .keyReused: IdempotencyKey.reusedProblem.status
        }
    }

    private static func createdCaseID(_ outcome: CreateOutcome) -> String? {
        switch outcome {
        case .created(let record), .replayedCreation(let record): record.id
        case .keyReused: nil
        }
    }

    static func notFound(_ id: String) -> ProblemDetails {
        .notFound("No case '\(id)' (it may have been deleted).")
    }

    /// Why the case `id` is not there: 410 when it was purged, 404 otherwise.
    static func absent(_ id: String, _ store: any CaseStore) throws -> ProblemDetails {
        guard let purgedAt = try store.purgedAt(id: id) else { return notFound(id) }
        return StorageProblem.purged(at: purgedAt, id: id)
    }

    static func preconditionFailed(_ id: String) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("precondition-failed"), title: "Precondition Failed", status: 412,
                       detail: "The case has changed since that ETag: GET /v1/cases/\(id) again and reapply the change.")
    }
}

/// The `Idempotency-Key` request header of `POST /v1/cases`.
enum IdempotencyKey {
    static let maximumLength = 255

    static var reusedProblem: ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("idempotency-key-reused"), title: "Idempotency Key Reused", status: 422,
                       detail: "This Idempotency-Key was used with a different request body. Use a new key for a new request.")
    }

    /// The key, scoped to the API key that sent it (two integrations may
    /// both number their requests 1, 2, 3), and the fingerprint of the
    /// request (query and body), or `nil` without the header.
    static func claim(_ request: HTTPRequest, scope: String) throws(ProblemDetails) -> IdempotencyClaim? {
        guard let key = request.headers["Idempotency-Key"] else { return nil }
        guard !key.isEmpty, key.utf8.count <= maximumLength, key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw ProblemDetails(type: ProblemDetails.typeURI("invalid-header"), title: "Invalid Header", status: 400,
                                 detail: "Idempotency-Key must be 1 to \(maximumLength) visible ASCII characters.")
        }
        let query = request.query.items.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        // Hashed in two parts: a Bundle of megabytes is not copied.
        let fingerprint = SHA256Hex.of(Array("\(request.method) \(request.path)?\(query)\n".utf8), request.body)
        return IdempotencyClaim(key: scope + "\u{1f}" + key, fingerprint: fingerprint)
    }
}
