import Foundation
import HTTPServer
import POEMSCriteria
import POEMSStorage

/// Case records:
///
/// - `POST /v1/cases` — validate, evaluate, store revision 1 (201, `Location`,
///   `ETag`); `Idempotency-Key` replays the first response for a retry
/// - `GET /v1/cases/{id}` — the latest revision (`ETag`, 304 on `If-None-Match`)
/// - `PUT /v1/cases/{id}` — a new revision; `If-Match` required (428, 412)
/// - `DELETE /v1/cases/{id}` — gone from reads, revisions kept and marked
/// - `GET /v1/cases/{id}/revisions` — the history
/// - `GET /v1/cases` — filtered, cursor-paged listing (`ETag`, 304)
///
/// Writes are deferred: the connection is suspended while the write queue
/// commits, and the answer is sent only once the write is durable.
enum CaseRoutes {
    static func register(in router: inout ProtectedRouter, store: CaseStore, service: EvaluationService) {
        router.deferred("POST", "/v1/cases", .writer, audit: .writes("case.create")) { request, _, principal, sink in
            do {
                try QueryValidation.rejectUnknown(request.query, allowed: ["criteria"])
                let headline = try CriteriaQuery.headline(request.query)
                let idempotency = try IdempotencyKey.claim(request, scope: principal.keyName)
                let submission = try request.decodeJSON(CaseSubmission.self)
                let draft = try CaseRepresentation.draft(submission, service: service, headline: headline)
                let record = CaseStore.newRecord(patientRef: submission.patientRef, draft: draft)
                let created = StoredResponse(status: 201, headers: [
                    "Location": CaseRepresentation.path(record.id),
                    "ETag": CaseRepresentation.etag(id: record.id, revision: record.revision),
                    "Content-Type": "application/json",
                ], body: try CaseRepresentation.json(record))
                store.create(record, draft: draft, idempotency: idempotency, response: created, completion: { result in
                    sink.complete(Result { () throws -> HTTPResponse in
                        switch try result.mapError(storageProblem).get() {
                        case .created(_, let stored):
                            return response(stored)
                        case .replayed(let stored):
                            var replay = response(stored)
                            replay.headers.set("Idempotent-Replayed", "true")
                            return replay
                        case .keyReused:
                            throw IdempotencyKey.reusedProblem
                        }
                    })
                })
            } catch {
                sink.complete(.failure(error))
            }
        }

        router.get("/v1/cases/{id}", .reader, audit: .reads("case.read")) { request, context, _ in
            try QueryValidation.rejectUnknown(request.query, allowed: [])
            let id = context.parameter("id")
            guard let record = try store.fetch(id: id) else { throw notFound(id) }
            // Rendered even for a 304, whose Content-Length is the representation's.
            return ConditionalRequest.respond(to: request, body: try CaseRepresentation.json(record),
                                              etag: CaseRepresentation.etag(id: id, revision: record.revision),
                                              headers: ["Cache-Control": "private, no-cache"])
        }

        router.deferred("PUT", "/v1/cases/{id}", .writer, audit: .writes("case.update")) { request, context, _, sink in
            do {
                try QueryValidation.rejectUnknown(request.query, allowed: ["criteria"])
                let id = context.parameter("id")
                let headline = try CriteriaQuery.headline(request.query)
                guard let ifMatch = request.headers.combined("If-Match") else {
                    throw ProblemDetails(type: ProblemDetails.typeURI("precondition-required"), title: "Precondition Required", status: 428,
                                         detail: "PUT needs If-Match with the case's current ETag (from GET /v1/cases/\(id)), so that two writers cannot overwrite each other.")
                }
                let submission = try request.decodeJSON(CaseSubmission.self)
                guard let current = try store.fetch(id: id) else { throw notFound(id) }
                guard CaseRepresentation.matches(ifMatch: ifMatch, id: id, currentRevision: current.revision) else {
                    throw preconditionFailed(id)
                }
                if let patientRef = submission.patientRef, patientRef != current.patientRef {
                    throw ProblemDetails.invalidField("patientRef cannot be changed; omit it or send the case's own.", pointer: "/patientRef")
                }
                let draft = try CaseRepresentation.draft(submission, service: service, headline: headline)
                store.update(id: id, expectedRevision: current.revision, draft: draft) { result in
                    sink.complete(Result {
                        let record = try result.mapError(storageProblem).get()
                        return .json(bytes: try CaseRepresentation.json(record), headers: [
                            "ETag": CaseRepresentation.etag(id: id, revision: record.revision), "Cache-Control": "private, no-cache"])
                    })
                }
            } catch {
                sink.complete(.failure(error))
            }
        }

        router.deferred("DELETE", "/v1/cases/{id}", .writer, audit: .writes("case.delete")) { request, context, _, sink in
            do {
                try QueryValidation.rejectUnknown(request.query, allowed: [])
                let id = context.parameter("id")
                var expected: Int?
                if let ifMatch = request.headers.combined("If-Match") {
                    guard let revision = try store.currentRevision(id: id) else { throw notFound(id) }
                    guard CaseRepresentation.matches(ifMatch: ifMatch, id: id, currentRevision: revision) else { throw preconditionFailed(id) }
                    expected = revision
                }
                store.delete(id: id, expectedRevision: expected) { result in
                    sink.complete(result.map { HTTPResponse(status: 204) }.mapError(storageProblem))
                }
            } catch {
                sink.complete(.failure(error))
            }
        }

        router.get("/v1/cases/{id}/revisions", .reader, audit: .reads("case.revisions")) { request, context, _ in
            try QueryValidation.rejectUnknown(request.query, allowed: [])
            let id = context.parameter("id")
            guard let revisions = try store.revisions(id: id), let latest = revisions.last else { throw notFound(id) }
            let etag = CaseRepresentation.etag(id: id, revision: latest.number)
            var body = Array(#"{"id":"#.utf8) + Array(try JSONCoding.encoder.encode(id)) + Array(#","revisions":["#.utf8)
            for (index, revision) in revisions.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body += try CaseRepresentation.json(revision)
            }
            body += Array("]}".utf8)
            return ConditionalRequest.respond(to: request, body: body, etag: etag, headers: ["Cache-Control": "private, no-cache"])
        }

        router.get("/v1/cases", .reader, audit: .reads("case.list")) { request, _, _ in
            try QueryValidation.rejectUnknown(request.query, allowed: CaseListParameters.names)
            let parameters = try CaseListParameters(request.query, defaultCriteriaSet: service.defaultCriteriaSet)
            // The change counter moves with every write: same counter, same query, same page.
            let etag = parameters.etag(changeSequence: try store.changeSequence())
            let page = try store.list(parameters.query)
            let body = Array(try JSONCoding.encoder.encode(CaseListing(page: page, parameters: parameters)))
            return ConditionalRequest.respond(to: request, body: body, etag: etag, headers: ["Cache-Control": "private, no-cache"])
        }
    }

    private static func response(_ stored: StoredResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in stored.headers.sorted(by: { $0.key < $1.key }) { headers.add(name, value) }
        return HTTPResponse(status: stored.status, headers: headers, body: stored.body)
    }

    static func notFound(_ id: String) -> ProblemDetails {
        .notFound("No case '\(id)' (it may have been deleted).")
    }

    static func preconditionFailed(_ id: String) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("precondition-failed"), title: "Precondition Failed", status: 412,
                       detail: "The case has changed since that ETag: GET /v1/cases/\(id) again and reapply the change.")
    }

    /// Store errors as the problems a client can act on.
    static func storageProblem(_ error: any Error) -> any Error {
        switch error {
        case CaseWriteError.notFound: ProblemDetails.notFound("No such case (it may have been deleted).")
        case CaseWriteError.revisionMismatch: ProblemDetails(type: ProblemDetails.typeURI("precondition-failed"), title: "Precondition Failed", status: 412,
                                                            detail: "The case changed while this request was in flight: read it again and reapply the change.")
        case DatabaseError.closed: ProblemDetails.serviceUnavailable("The service is shutting down; retry shortly.")
        default: error
        }
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
        let fingerprint = SHA256Hex.of(Array("\(request.method) \(request.path)?\(query)\n".utf8) + request.body)
        return IdempotencyClaim(key: scope + "\u{1f}" + key, fingerprint: fingerprint)
    }
}
