import Foundation
import HTTPServer
import POEMSClinical
import POEMSCriteria
import POEMSFHIR
import POEMSStorage

/// CDS Hooks 2.0:
///
/// - `GET /cds-services` — discovery: `poems-syndrome` on `patient-view` and
///   `poems-syndrome-order-select` on `order-select`, with prefetch templates;
/// - `POST /cds-services/{service}` — cards from the prefetch (or from the
///   EHR's FHIR server for what is missing); 412 when a key is missing and
///   cannot be fetched;
/// - `POST /cds-services/{service}/feedback` — card outcomes, stored once;
///   a card uuid this service did not issue to the caller's issuer
///   (``CDSCardIdentifier``) refuses the call, nothing stored.
///
/// Calls are authorized by the EHR's signed JWT (``CDSTokenVerifier``), not
/// by API keys; rejections are a bare 401, audited. Discovery is open.
/// Every error is an OperationOutcome and every answer carries
/// `Access-Control-Allow-Origin` (``CDSHooksMiddleware``). Every CDS route
/// answers CORS preflight (`OPTIONS`) without a JWT, for browser-based EHR
/// sandboxes; only the preflight carries the preflight's fields.
enum CDSRoutes {
    struct Service {
        let id: String
        let hook: String
        let title: String
    }

    static let services = [
        Service(id: "poems-syndrome", hook: "patient-view", title: "POEMS syndrome criteria"),
        Service(id: "poems-syndrome-order-select", hook: "order-select", title: "POEMS syndrome criteria (order entry)"),
    ]

    /// The answer to a CORS preflight of any CDS route.
    static let preflightHeaders: HTTPHeaders = [
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Max-Age": "600",
    ]

    /// The first segment of every CDS Hooks path.
    static let root = "/cds-services"

    /// Whether `path` is a CDS Hooks path (``CDSHooksMiddleware``).
    static func isCDSPath(_ path: String) -> Bool { path == root || path.hasPrefix(root + "/") }

    struct Context {
        let evaluation: EvaluationService
        let terminology: TerminologyCatalog
        let verifier: CDSTokenVerifier
        let store: any CDSStore
        let audit: any AuditLog
        /// The cap on audited denials, shared with the `/v1` routes.
        let denials: DenialAuditGate
        let publicURL: String
        /// Told once feedback is stored (the statistics count it).
        let feedbackStored: @Sendable () -> Void
        /// The key of the card uuids.
        let cards: CDSCardIdentifier
        /// The cards' links to the work-up page.
        let workupLinks: WorkupLinks
    }

    static func register(in router: inout Router, context: Context) {
        router.add("GET", root, .immediate { _, _ in
            try .json(discovery(terminology: context.terminology.map()), headers: ["Cache-Control": "no-cache"])
        })
        let cheap = RouteOptions(runsOnPollingThread: true)
        router.add("OPTIONS", root, options: cheap, .immediate { _, _ in preflight() })
        for service in services {
            let path = "\(root)/\(service.id)"
            router.add("POST", path, authorized(context, audiences: [path]) { request, claims in
                try await call(service, request, claims, context)
            })
            router.add("POST", path + "/feedback", authorized(context, audiences: [path + "/feedback", path]) { request, claims in
                try await feedback(service, request, claims, context)
            })
            router.add("OPTIONS", path, options: cheap, .immediate { _, _ in preflight() })
            router.add("OPTIONS", path + "/feedback", options: cheap, .immediate { _, _ in preflight() })
        }
    }

    // MARK: - Discovery

    struct Discovery: Encodable {
        struct Entry: Encodable {
            let hook: String
            let id: String
            let title: String
            let description: String
            let prefetch: [String: String]
            let usageRequirements: String
        }
        let services: [Entry]
    }

    static func discovery(terminology: TerminologyMap) -> Discovery {
        Discovery(services: services.map {
            Discovery.Entry(
                hook: $0.hook, id: $0.id, title: $0.title,
                description: "Applies the published diagnostic criteria of POEMS syndrome (Dispenzieri 2003, IMWG 2014, Suichi 2019) to the patient's Conditions and Observations: a warning card when the criteria are met; an info card when a polyneuropathy leaves POEMS syndrome open (with the next work-up step) or a mimic is raised.",
                prefetch: CDSPrefetch.templates(terminology: terminology),
                usageRequirements: "Calls carry a JWT signed by a configured issuer (ES384 or RS384). The codes poemsd reads are listed at /v1/terminology.")
        })
    }

    // MARK: - Service calls

    static func call(_ service: Service, _ request: HTTPRequest, _ claims: CDSTokenVerifier.Claims, _ context: Context) async throws -> HTTPResponse {
        let call = try CDSServiceRequest.decode(request, expectedHook: service.hook)
        let catalog = context.terminology
        let terminology = try await BlockingWork.run { try catalog.map() }
        let bundle = try await CDSPrefetch.bundle(call, terminology: terminology)
        let findings: FHIRFindings
        do {
            findings = try BundleReader(terminology: terminology, evaluationDate: Date()).read(bundle)
        } catch {
            throw FHIROutcome(error)
        }
        if let patient = findings.patientReference, patient != "Patient/\(call.patientID)" {
            throw ProblemDetails.invalidField("The prefetched Patient is not context.patientId.", pointer: "/prefetch/patient")
        }
        let report = findings.annotate(context.evaluation.engine.evaluate(findings.input, headline: context.evaluation.defaultCriteriaSet))
        let key = try await context.cards.key()
        let workup = CDSCards.Link(label: context.workupLinks.label,
                                   url: try await context.workupLinks.url(findings: findings, headline: context.evaluation.defaultCriteriaSet))
        let cards = CDSCards.cards(report: report, input: findings.input, publicURL: context.publicURL,
                                   criteriaPage: { context.publicURL + CriteriaPageRoutes.path($0) }, workup: workup) { index in
            CDSCardIdentifier.uuid(key: key, service: service.id, issuer: claims.issuer, hookInstance: call.hookInstance, index: index)
        }
        return try .json(["cards": cards], headers: ["Cache-Control": "no-store"])
    }

    // MARK: - Feedback

    static func feedback(_ service: Service, _ request: HTTPRequest, _ claims: CDSTokenVerifier.Claims, _ context: Context) async throws -> HTTPResponse {
        let decoded = try CDSFeedback.decode(request, overrideSystem: CDSOverrideReasons.system(publicURL: context.publicURL))
        let key = try await context.cards.key()
        // The whole call is refused for one card never issued: nothing of it is stored or counted.
        if let index = decoded.firstIndex(where: { !CDSCardIdentifier.isIssued($0.card, key: key, service: service.id, issuer: claims.issuer) }) {
            throw ProblemDetails(type: ProblemDetails.typeURI("unknown-card"), title: "Unknown Card", status: 400,
                                 detail: "This service issued no card with this uuid to this client.", pointer: "/feedback/\(index)/card")
        }
        let entries = decoded.map {
            CDSFeedbackRecord(service: service.id, card: $0.card.lowercased(), outcome: $0.outcome, overrideReason: $0.overrideReason,
                              outcomeTimestamp: $0.outcomeTimestamp, issuer: claims.issuer)
        }
        try await context.store.recordFeedback(entries)
        context.feedbackStored()
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
    }

    // MARK: - Authorization, CORS

    /// An async handler run after the JWT is verified; a rejection is a
    /// bare 401, audited with its reason (never the token) when the
    /// ``DenialAuditGate`` admits it.
    static func authorized(_ context: Context, audiences: [String],
                           _ body: @escaping @Sendable (HTTPRequest, CDSTokenVerifier.Claims) async throws -> HTTPResponse) -> Handler {
        .async { request, requestContext in
            let claims: CDSTokenVerifier.Claims
            do throws(CDSTokenVerifier.Rejection) {
                claims = try await context.verifier.verify(authorization: request.headers["Authorization"],
                                                           audiences: audiences.map { context.publicURL + $0 })
            } catch {
                let problem = ProblemDetails(type: ProblemDetails.typeURI("unauthorized"), title: "Unauthorized", status: 401,
                                             detail: "The request is not authorized.", headers: ["WWW-Authenticate": "Bearer"])
                if context.denials.admit(client: requestContext.remoteAddress, logger: requestContext.logger) {
                    // Answered once the audit event is durable (with the next group commit).
                    let event = AuditEvent(keyName: nil, action: "cds.denied:\(error.rawValue)", method: request.method, route: requestContext.route,
                                           caseID: nil, status: 401, requestID: requestContext.requestID, clientAddress: requestContext.remoteAddress)
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in context.audit.append(event) { _ in done.resume() } }
                }
                throw problem
            }
            return try await body(request, claims)
        }
    }

    /// 204 with every preflight field.
    static func preflight() -> HTTPResponse {
        HTTPResponse(status: 204, headers: preflightHeaders)
    }
}
