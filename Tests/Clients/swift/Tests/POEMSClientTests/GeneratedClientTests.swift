import Foundation
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession
import POEMSClient
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Swift client generated from poemsd's API description by
/// apple/swift-openapi-generator, used as an integrator would against a live
/// `poemsd serve` (started by scripts/generated-clients.sh, which passes its
/// address and an admin key in POEMSD_CLIENT_BASE_URL and
/// POEMSD_CLIENT_TOKEN): evaluations in JSON and FHIR with a 400 of each media
/// type, a case created, read, updated and listed, a conditional GET, a
/// change-feed page, and misspelt findings, which the generated models keep
/// (the description declares closed objects with `propertyNames`, not
/// `additionalProperties: false`) and the server refuses.
@Suite struct GeneratedClientTests {
    let client: Client
    let repository: URL

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        let base = try #require(environment["POEMSD_CLIENT_BASE_URL"].flatMap(URL.init(string:)),
                                "scripts/generated-clients.sh sets POEMSD_CLIENT_BASE_URL")
        let token = try #require(environment["POEMSD_CLIENT_TOKEN"], "scripts/generated-clients.sh sets POEMSD_CLIENT_TOKEN")
        repository = URL(fileURLWithPath: try #require(environment["POEMSD_REPOSITORY"]))
        // The service's timestamps always carry milliseconds (RFC 3339 with a
        // fraction); the runtime's default date coder reads none.
        // No URL cache: URLSession would answer a 304 with the cached 200.
        let session = URLSessionConfiguration.ephemeral
        session.urlCache = nil
        session.requestCachePolicy = .reloadIgnoringLocalCacheData
        client = Client(
            serverURL: base, configuration: Configuration(dateTranscoder: .iso8601WithFractionalSeconds),
            transport: URLSessionTransport(configuration: .init(session: URLSession(configuration: session))),
            middlewares: [BearerToken(token: token), PlainHeaderValues()])
    }

    /// The findings of a patient who meets the criteria (the README's example).
    static func findings() -> Components.Schemas.Findings {
        Components.Schemas.Findings(
            polyneuropathy: true, monoclonalPlasmaCellDisorder: true, monoclonalLightChain: .lambda,
            scleroticBoneLesions: true, papilledema: true)
    }

    func fixture(_ name: String) throws -> Components.Schemas.FHIRBundle {
        let data = try Data(contentsOf: repository.appendingPathComponent("Tests/Fixtures/fhir/\(name)"))
        return try JSONDecoder().decode(Components.Schemas.FHIRBundle.self, from: data)
    }

    @Test func anEvaluationInJSON() async throws {
        let input = Components.Schemas.CaseInput(findings: Self.findings(), labs: .init(plasmaVegfPgPerMl: 780))
        let report = try await client.evaluate(body: .json(input)).ok.body.json
        #expect(report.verdict == .meets)
        #expect(Set(report.evaluations.map(\.criteriaSet)) == [.dispenzieri2003, .imwg2014, .suichi2019])
        #expect(!report.summary.isEmpty)
    }

    @Test func anEvaluationOfAFHIRBundle() async throws {
        let answer = try await client.evaluate(body: .applicationFhirJson(fixture("poems-searchset.json")))
        let report = try answer.ok.body.json
        #expect(report.provenance?.isEmpty == false, "a FHIR evaluation says where each value came from")
    }

    @Test func aFHIR400IsAnOperationOutcome() async throws {
        let answer = try await client.evaluate(body: .applicationFhirJson(fixture("quantity-without-value.json")))
        guard case .OperationOutcome(let outcome) = try answer.badRequest.body.applicationFhirJson else {
            Issue.record("a FHIR request's 400 is an OperationOutcome")
            return
        }
        #expect(outcome.issue.first?.expression?.isEmpty == false)
    }

    @Test func aMisspeltFindingReachesTheServerAndIsRefused() async throws {
        var findings = Components.Schemas.Findings(polyneuropathy: true)
        findings.additionalProperties = try OpenAPIObjectContainer(unvalidatedValue: ["papiledema": true])
        let answer = try await client.evaluate(body: .json(.init(findings: findings)))
        guard case .Problem(let problem) = try answer.badRequest.body.applicationProblemJson else {
            Issue.record("a JSON request's 400 is problem details")
            return
        }
        #expect(problem.pointer == "/findings/papiledema")
        #expect(problem.detail?.contains("papilledema") == true, "the server's \"Did you mean\"")
    }

    @Test func aMisspeltFindingReadFromJSONIsKept() async throws {
        // A client that decodes a document into the generated model (from a
        // form or a file) keeps the member the model does not declare.
        let text = #"{"findings": {"polyneuropathy": true, "scleroticBoneLesion": true}}"#
        let input = try JSONDecoder().decode(Components.Schemas.CaseSubmission.self, from: Data(text.utf8))
        let answer = try await client.createCase(body: .json(input))
        guard case .Problem(let problem) = try answer.badRequest.body.applicationProblemJson else {
            Issue.record("a JSON request's 400 is problem details")
            return
        }
        #expect(problem.pointer == "/findings/scleroticBoneLesion")
        #expect(problem.detail?.contains("scleroticBoneLesions") == true)
    }

    @Test func aCaseCreatedReadUpdatedListedAndReadConditionally() async throws {
        let patient = "MRN-SWIFT-\(UUID().uuidString.prefix(8))"
        let submission = Components.Schemas.CaseSubmission(patientRef: patient, note: "first visit", findings: Self.findings())
        let created = try await client.createCase(headers: .init(idempotencyKey: "swift-\(patient)"), body: .json(submission)).created
        let caseRecord = try created.body.json
        #expect(caseRecord.revision == 1)
        #expect(created.headers.location?.hasSuffix("/v1/cases/\(caseRecord.id)") == true)
        let etag = try #require(created.headers.eTag)

        let read = try await client.getCase(path: .init(id: caseRecord.id)).ok
        #expect(try read.body.json.id == caseRecord.id)
        #expect(try read.body.json.patientRef == patient)

        let conditional = try await client.getCase(path: .init(id: caseRecord.id), headers: .init(ifNoneMatch: etag))
        _ = try conditional.notModified

        var revised = Self.findings()
        revised.papilledema = false
        let updated = try await client.updateCase(
            path: .init(id: caseRecord.id), headers: .init(ifMatch: etag),
            body: .json(.init(patientRef: patient, findings: revised))).ok
        #expect(try updated.body.json.revision == 2)

        let stale = try await client.updateCase(
            path: .init(id: caseRecord.id), headers: .init(ifMatch: etag),
            body: .json(.init(patientRef: patient, findings: revised)))
        _ = try stale.preconditionFailed

        let listing = try await client.listCases(query: .init(patientRef: patient)).ok.body.json
        #expect(listing.items.map(\.id) == [caseRecord.id])
    }

    @Test func aChangeFeedPage() async throws {
        let before = try await client.getChanges(query: .init(after: 0, limit: 1000)).ok.body.json
        var start = before.nextAfter
        var more = before.more
        while more {
            let page = try await client.getChanges(query: .init(after: start, limit: 1000)).ok.body.json
            start = page.nextAfter
            more = page.more
        }
        let patient = "MRN-SWIFT-FEED-\(UUID().uuidString.prefix(8))"
        let made = try await client.createCase(body: .json(.init(patientRef: patient, findings: Self.findings()))).created.body.json
        let page = try await client.getChanges(query: .init(after: start, limit: 10, wait: 5)).ok.body.json
        // `caseId` is optional in the description: a viewer key's feed leaves it out.
        #expect(page.items.map { "\($0.caseId ?? "-") \($0.kind.rawValue)" }.contains("\(made.id) created"))
        #expect(page.nextAfter > start)
    }
}

/// Sends the API key as a bearer token, as the README says.
struct BearerToken: ClientMiddleware {
    let token: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}

/// Sends the header parameters as their plain values. The generator's runtime
/// percent-encodes every header parameter (RFC 6570 "simple" style; OpenAPI
/// 3.1.1 and later say not to: swift-openapi-generator issues 529 and 857, open),
/// so an ETag `"abc"` would leave as `%22abc%22`, which the server rightly
/// does not take for the ETag, and a 304 or a 412 would never come.
struct PlainHeaderValues: ClientMiddleware {
    static let fields: [HTTPField.Name] = [.ifMatch, .ifNoneMatch, HTTPField.Name("Idempotency-Key")!, HTTPField.Name("X-Request-Id")!]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        for name in Self.fields {
            if let value = request.headerFields[name], let plain = value.removingPercentEncoding {
                request.headerFields[name] = plain
            }
        }
        return try await next(request, body, baseURL)
    }
}
