import Crypto
import Foundation
import HTTPServer
import Logging
@testable import POEMSAPI
import POEMSCriteria
import POEMSStorage
import Testing

/// CDS Hooks 2.0 end to end: discovery, cards, 412, fetching from a stub
/// FHIR server on loopback, feedback, and every JWT rejection.
// The CDS handlers are async and run on Swift's cooperative pool, which the
// tests also run on: every blocking step of these tests (HTTP requests,
// processes, stopping the server) runs on a thread of its own, so that the
// pool stays free for the server, and the suite is serialized.
@Suite(.serialized) struct CDSHooksAPITests {
    static let service = "/cds-services/poems-syndrome"

    /// A prefetch from the FHIR fixtures: the Patient, and the Conditions
    /// and Observations as searchset Bundles.
    static func prefetch(_ fixture: String) throws -> [String: Any] {
        let bundle = try JSONSerialization.jsonObject(with: Data(FHIRAPITests.fixture(fixture))) as! [String: Any]
        let resources = (bundle["entry"] as! [[String: Any]]).map { $0["resource"] as! [String: Any] }
        func search(_ type: String) -> [String: Any] {
            ["resourceType": "Bundle", "type": "searchset",
             "entry": resources.filter { $0["resourceType"] as? String == type }.map { ["resource": $0] }]
        }
        return ["patient": resources.first { $0["resourceType"] as? String == "Patient" }!,
                "conditions": search("Condition"), "observations": search("Observation")]
    }

    static func request(prefetch: [String: Any]?, hook: String = "patient-view", extra: [String: Any] = [:]) throws -> [UInt8] {
        var body: [String: Any] = ["hook": hook, "hookInstance": UUID().uuidString,
                                   "context": ["userId": "Practitioner/1", "patientId": "pt-1"]]
        body["prefetch"] = prefetch
        return Array(try JSONSerialization.data(withJSONObject: body.merging(extra) { $1 }))
    }

    static func call(_ port: Int, _ token: String?, _ body: [UInt8], path: String = service) async throws -> WireResponse {
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await send(port, "POST", path, headers: headers, body: body)
    }

    /// One request on a fresh connection, from a thread of its own. The
    /// timeout is long on purpose: the service runs in this process, and its
    /// CDS route needs a thread of Swift's cooperative pool (two on a
    /// two-core machine), which the synchronous end-to-end tests of the other
    /// suites hold for minutes at the start of a whole run (seen: 138 s and
    /// 182 s, with 430 tests); the test waits that out instead of failing.
    /// Issue 23's one concurrency model removes the cause.
    static func send(_ port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> WireResponse {
        let headers = headers
        return try await onOwnThread {
            try TestConnection(port: port, timeoutSeconds: 600).request(method, path, headers: headers + [("Connection", "close")], body: body)
        }
    }

    static func cards(_ response: WireResponse) throws -> [[String: Any]] {
        try #require(try response.json()["cards"] as? [[String: Any]])
    }

    /// Runs `body` against a service that trusts a fresh EHR, and checks
    /// that nothing of a JWT or of the FHIR access token was logged.
    func withEHR(configure: (inout ServiceConfiguration) -> Void = { _ in }, _ body: (TestEHR, TestService) async throws -> Void) async throws {
        let ehr = try TestEHR()
        defer { ehr.remove() }
        let logs = LogCapture()
        var logger = Logger(label: "poemsd-test") { _ in logs }
        logger.logLevel = .trace
        let service = try TestService(logger: logger) {
            ehr.configure(&$0)
            configure(&$0)
        }
        do {
            try await body(ehr, service)
        } catch {
            try await onOwnThread { service.stop() }
            throw error
        }
        try await onOwnThread { service.stop() }
        // A JWT's header starts with base64url of '{"' : "eyJ".
        #expect(!logs.lines.contains { $0.contains("eyJ") || $0.contains("stub-access-token") })
    }

    @Test func discoveryListsTheServiceWithPrefetchTemplates() async throws {
        try await withEHR { _, service in
            let response = try await Self.send(service.port, "GET", "/cds-services", headers: [("Authorization", "none")])
            #expect(response.status == 200)
            #expect(response.header("Access-Control-Allow-Origin") == "*")
            // The preflight's fields belong to the preflight only.
            for name in ["Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age"] {
                #expect(response.header(name) == nil, "\(name) on the discovery GET")
            }
            let services = try #require(try response.json()["services"] as? [[String: Any]])
            let patientView = try #require(services.first { $0["id"] as? String == "poems-syndrome" })
            #expect(patientView["hook"] as? String == "patient-view")
            #expect(services.contains { $0["hook"] as? String == "order-select" })
            let prefetch = try #require(patientView["prefetch"] as? [String: String])
            #expect(prefetch["patient"] == "Patient/{{context.patientId}}")
            #expect(prefetch["conditions"] == "Condition?patient={{context.patientId}}")
            #expect(prefetch["observations"]?.hasPrefix("Observation?patient={{context.patientId}}&code=") == true)
            #expect(prefetch["observations"]?.contains("http://loinc.org|718-7") == true)
            // Issue 21: calcium and creatinine, in mass and SI units, with the Specimens the Observations name.
            for code in ["17861-6", "2000-8", "2160-0", "14682-9"] {
                #expect(prefetch["observations"]?.contains("http://loinc.org|\(code)") == true, "\(code)")
            }
            #expect(prefetch["observations"]?.hasSuffix("&_include=Observation:specimen") == true)
            #expect(prefetch["observations"]?.contains("119364003") == false) // a specimen type is not an Observation code

            let preflight = try await Self.send(service.port, "OPTIONS", Self.service, headers: [("Origin", "https://sandbox.example"), ("Authorization", "none")])
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Authorization") == true)
            #expect(preflight.header("Access-Control-Allow-Methods")?.contains("POST") == true)
            #expect(preflight.header("Access-Control-Max-Age") != nil)
            let discoveryPreflight = try await Self.send(service.port, "OPTIONS", "/cds-services", headers: [("Origin", "https://sandbox.example")])
            #expect(discoveryPreflight.status == 204 && discoveryPreflight.header("Access-Control-Allow-Methods")?.contains("GET") == true)
        }
    }

    @Test func metCriteriaGiveAWarningCard() async throws {
        try await withEHR { ehr, service in
            let response = try await Self.call(service.port, try await ehr.token(), try Self.request(prefetch: Self.prefetch("poems-searchset.json")))
            #expect(response.status == 200)
            let cards = try Self.cards(response)
            #expect(cards.count == 1)
            let card = try #require(cards.first)
            #expect(card["indicator"] as? String == "warning")
            Self.expectCDSHooksCard(card, criteriaSet: "imwg-2014")
            let summary = try #require(card["summary"] as? String)
            #expect(summary.contains("IMWG"))
            #expect((card["detail"] as? String)?.contains("- **Polyneuropathy (polyradiculoneuropathy, typically demyelinating)** — met:") == true)
            let source = try #require(card["source"] as? [String: Any])
            #expect(source["label"] as? String == "Updated POEMS criteria, IMWG 2014")
        }
    }

    /// CDS Hooks 2.0's rules for a card, and this service's: a uuid
    /// (RFC 9562, version 8: ``CDSCardIdentifier``); a summary under 140
    /// characters naming "criteria" at most once; an indicator; a short
    /// source label with the public page of `criteriaSet` as its URL; links
    /// of type absolute (that page, and the work-up page with a capability);
    /// override reasons with a display; a detail citing
    /// the set's publications, with the source attributes, and no internal
    /// file names.
    static func expectCDSHooksCard(_ card: [String: Any], criteriaSet: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let uuid = card["uuid"] as? String ?? ""
        #expect(uuid.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil, "uuid \(uuid)", sourceLocation: sourceLocation)
        let summary = card["summary"] as? String ?? ""
        #expect(!summary.isEmpty && summary.count < 140, "summary \(summary)", sourceLocation: sourceLocation)
        #expect(summary.components(separatedBy: "criteria").count <= 2, "summary \(summary)", sourceLocation: sourceLocation)
        #expect(["info", "warning", "critical"].contains(card["indicator"] as? String ?? ""), sourceLocation: sourceLocation)
        let page = TestEHR.publicURL + "/criteria/" + criteriaSet
        let source = card["source"] as? [String: Any] ?? [:]
        let label = source["label"] as? String ?? ""
        #expect(!label.isEmpty && label.count <= 40 && !label.contains("Lancet"), "source.label \(label)", sourceLocation: sourceLocation)
        #expect(source["url"] as? String == page, sourceLocation: sourceLocation)
        // Two links of type absolute: the criteria page, and the work-up page with a capability in its fragment.
        let links = card["links"] as? [[String: Any]] ?? []
        #expect(links.count == 2, sourceLocation: sourceLocation)
        for link in links {
            #expect(link["type"] as? String == "absolute" && (link["label"] as? String)?.isEmpty == false, "\(link)", sourceLocation: sourceLocation)
        }
        #expect(links.first?["url"] as? String == page, sourceLocation: sourceLocation)
        let workup = links.last?["url"] as? String ?? ""
        #expect(workup.wholeMatch(of: /https:\/\/poemsd\.test\/workup#[A-Za-z0-9_-]{60,}/) != nil, "work-up link \(workup)", sourceLocation: sourceLocation)
        let reasons = card["overrideReasons"] as? [[String: Any]] ?? []
        #expect(reasons.map { $0["code"] as? String ?? "" } == ["already-excluded", "already-diagnosed", "not-relevant-now"], sourceLocation: sourceLocation)
        for reason in reasons {
            #expect(reason["system"] as? String == TestEHR.publicURL + "/cds-services/override-reasons", sourceLocation: sourceLocation)
            #expect((reason["display"] as? String)?.isEmpty == false, "\(reason)", sourceLocation: sourceLocation)
        }
        let detail = card["detail"] as? String ?? ""
        #expect(detail.range(of: "seed", options: .caseInsensitive) == nil && !detail.contains("REFERENCES"), "internal file names in \(detail)",
                sourceLocation: sourceLocation)
        let citation = ["imwg-2014": "Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548.",
                        "dispenzieri-2003": "Dispenzieri A, et al. POEMS syndrome: definitions and long-term outcome. Blood. 2003;101:2496–2506.",
                        "suichi-2019": "Suichi T, Misawa S, Kuwabara S, et al. J Neurol Neurosurg Psychiatry. 2019;90:133–137."][criteriaSet] ?? "?"
        #expect(detail.contains("**Sources**:\n- " + citation), sourceLocation: sourceLocation)
        #expect(detail.contains("_Source attributes_: developer: the poemsd project; funding: none; rules "), sourceLocation: sourceLocation)
        #expect(detail.contains("](\(page))"), "the detail links the criteria page", sourceLocation: sourceLocation)
    }

    /// The page a card's source and link open: a clinician's browser gets it
    /// without a key, as HTML under a strict Content-Security-Policy, with
    /// the set's citation and source attributes.
    @Test func theCardsSourcePageIsPublicHTMLWithTheCitationAndSourceAttributes() async throws {
        try await withEHR { ehr, service in
            let card = try #require(try Self.cards(try await Self.call(service.port, try await ehr.token(),
                                                                       try Self.request(prefetch: Self.prefetch("poems-searchset.json")))).first)
            let url = try #require((card["source"] as? [String: Any])?["url"] as? String)
            let path = String(url.dropFirst(TestEHR.publicURL.count))
            #expect(path == "/criteria/imwg-2014")
            let page = try await Self.send(service.port, "GET", path)
            #expect(page.status == 200)
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            let csp = try #require(page.header("Content-Security-Policy"))
            for directive in ["default-src 'none'", "style-src 'sha256-", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"] {
                #expect(csp.contains(directive), "\(directive)")
            }
            #expect(!csp.contains("unsafe-inline") && !csp.contains("script-src") && !csp.contains("http"))
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            let html = page.text
            #expect(!html.contains("<script") && !html.contains("style=") && !html.contains("http://") && !html.contains("https://"))
            #expect(html.contains("Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548."))
            for text in ["Source attributes", "<dt>Developer</dt>", "<dt>Funding source</dt><dd>none</dd>",
                         "rules version \(CriteriaEngineVersion.current), released and last revised \(CriteriaEngineVersion.date)",
                         "<tr><td>sex</td><td>yes</td>", "<tr><td>race</td><td>no</td>", "Thrombocytosis/polycythemia"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(html.range(of: "seed 0", options: .caseInsensitive) == nil && !html.contains("REFERENCES.md"), "documents by name, not label")
            let etag = try #require(page.header("ETag"))
            #expect(try await Self.send(service.port, "GET", path, headers: [("If-None-Match", etag)]).status == 304)
            #expect(try await Self.send(service.port, "GET", "/criteria/imwg-2015").status == 404)
        }
    }

    @Test func anUndeterminedPolyneuropathyGivesAnInfoCardNamingTheNextStep() async throws {
        try await withEHR { ehr, service in
            let prefetch: [String: Any] = [
                "patient": ["resourceType": "Patient", "id": "pt-1", "gender": "female"],
                "conditions": ["resourceType": "Bundle", "type": "searchset", "entry": [["resource": [
                    "resourceType": "Condition", "id": "pn", "subject": ["reference": "Patient/pt-1"],
                    "code": ["coding": [["system": "http://snomed.info/sct", "code": "42345000"]]]]]]],
                "observations": ["resourceType": "Bundle", "type": "searchset", "entry": []],
            ]
            let cards = try Self.cards(try await Self.call(service.port, try await ehr.token(), try Self.request(prefetch: prefetch)))
            let card = try #require(cards.first)
            #expect(cards.count == 1)
            // An info card, raised to the severity of the evaluation's cidp-mimic warning.
            #expect(card["indicator"] as? String == "warning")
            #expect((card["summary"] as? String)?.contains("Next:") == true)
            #expect((card["detail"] as? String)?.contains("immunofixation") == true)
        }
    }

    @Test func noPolyneuropathyAndNoMetCriteriaGiveNoCard() async throws {
        try await withEHR { ehr, service in
            let prefetch: [String: Any] = [
                "patient": ["resourceType": "Patient", "id": "pt-1"],
                "conditions": ["resourceType": "Bundle", "type": "searchset", "entry": []],
                "observations": ["resourceType": "Bundle", "type": "searchset", "entry": []],
            ]
            let response = try await Self.call(service.port, try await ehr.token(algorithm: .rs384), try Self.request(prefetch: prefetch))
            #expect(response.status == 200)
            #expect(try Self.cards(response).isEmpty)
        }
    }

    @Test func aMissingPrefetchIs412UnlessItCanBeFetched() async throws {
        try await withEHR { ehr, service in
            var partial = try Self.prefetch("poems-searchset.json")
            partial["observations"] = nil
            let refused = try await Self.call(service.port, try await ehr.token(), try Self.request(prefetch: partial))
            #expect(refused.status == 412)
            #expect(try Self.outcomeIssue(refused)["diagnostics"] as? String == "The prefetch lacks observations and no fhirServer with fhirAuthorization was given to fetch it.")

            // The stub FHIR server holds the Observations and wants the access token.
            let observations = try JSONSerialization.data(withJSONObject: Self.prefetch("poems-searchset.json")["observations"]!)
            let seen = LockedList()
            var router = Router()
            router.get("/fhir/Observation") { request, _ in
                seen.append("\(request.headers["Authorization"] ?? "-") \(request.query["patient"] ?? "-")")
                guard request.headers["Authorization"] == "Bearer stub-access-token" else { return HTTPResponse(status: 401) }
                return HTTPResponse(status: 200, headers: ["Content-Type": "application/fhir+json"], body: Array(observations))
            }
            var configuration = HTTPServerConfiguration()
            configuration.host = "127.0.0.1"
            configuration.port = 0
            configuration.threads = 1
            var logger = Logger(label: "fhir-stub")
            logger.logLevel = .critical
            let stub = HTTPServer(configuration: configuration, router: router, logger: logger)
            try stub.start()
            defer { stub.shutdown() }
            let extra: [String: Any] = ["fhirServer": "http://127.0.0.1:\(stub.port)/fhir",
                                        "fhirAuthorization": ["access_token": "stub-access-token", "token_type": "Bearer",
                                                              "expires_in": 300, "scope": "patient/*.read", "subject": "poemsd"]]
            let fetched = try await Self.call(service.port, try await ehr.token(), try Self.request(prefetch: partial, extra: extra))
            #expect(fetched.status == 200)
            #expect(try Self.cards(fetched).first?["indicator"] as? String == "warning")
            #expect(seen.values == ["Bearer stub-access-token pt-1"])
        }
    }

    /// A card of a call: its uuid and override reasons.
    static func issuedCard(_ ehr: TestEHR, _ port: Int) async throws -> [String: Any] {
        let response = try await call(port, try await ehr.token(), try request(prefetch: prefetch("poems-searchset.json")))
        return try #require(try cards(response).first)
    }

    static func feedback(_ entries: [[String: Any]]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: ["feedback": entries]))
    }

    static func sendFeedback(_ ehr: TestEHR, _ port: Int, _ body: [UInt8], service: String = CDSHooksAPITests.service) async throws -> WireResponse {
        var claims = TestEHR.Claims()
        claims.aud = TestEHR.publicURL + service + "/feedback"
        return try await call(port, try await ehr.token(claims), body, path: service + "/feedback")
    }

    @Test func feedbackIsStoredOnceAndCounted() async throws {
        try await withEHR { ehr, service in
            let first = try await Self.issuedCard(ehr, service.port), second = try await Self.issuedCard(ehr, service.port)
            let reason = try #require((second["overrideReasons"] as? [[String: Any]])?.first)
            let feedback = try Self.feedback([
                ["card": try #require(first["uuid"] as? String), "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z"],
                ["card": try #require(second["uuid"] as? String), "outcome": "overridden", "outcomeTimestamp": "2025-01-10T10:01:00Z",
                 "overrideReason": ["reason": ["system": reason["system"]!, "code": reason["code"]!], "userComment": "seen by haematology"]],
            ])
            #expect(try await Self.sendFeedback(ehr, service.port, feedback).status == 200)
            // A retry (a new token, the same feedback) is stored once.
            #expect(try await Self.sendFeedback(ehr, service.port, feedback).status == 200)
            let stats = try await Self.send(service.port, "GET", "/v1/stats").json()
            let counts = try #require(stats["cdsFeedback"] as? [String: Any])
            #expect(counts["accepted"] as? Int == 1)
            #expect(counts["overridden"] as? Int == 1)
            #expect((counts["overrideReasons"] as? [String: Int])?[TestEHR.publicURL + "/cds-services/override-reasons|already-excluded"] == 1)
            // The comment, which may name the patient, is not stored.
            let comment = Data("seen by haematology".utf8)
            #expect(try TestSQL.storedBytes(service.databasePath).range(of: comment) == nil)
        }
    }

    /// Feedback names a card by its uuid only: one this service never issued
    /// (made up, altered, or issued by another service) refuses the whole
    /// call with an OperationOutcome, and nothing of it is counted.
    @Test func feedbackForACardNeverIssuedIsRefusedAndNotCounted() async throws {
        try await withEHR { ehr, service in
            let card = try #require(try await Self.issuedCard(ehr, service.port)["uuid"] as? String)
            var altered = Array(card)
            altered[altered.count - 1] = altered.last == "0" ? "1" : "0"
            let unknown: [(String, String, String)] = [
                ("made up", UUID().uuidString.lowercased(), Self.service),
                ("altered", String(altered), Self.service),
                ("another service's", card, "/cds-services/poems-syndrome-order-select"),
            ]
            for (name, uuid, path) in unknown {
                let body = try Self.feedback([
                    ["card": card, "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z"],
                    ["card": uuid, "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z"],
                ])
                let refused = try await Self.sendFeedback(ehr, service.port, body, service: path)
                #expect(refused.status == 400, "\(name)")
                let issue = try Self.outcomeIssue(refused)
                #expect(issue["expression"] as? [String] == [path == Self.service ? "feedback[1].card" : "feedback[0].card"], "\(name)")
            }
            let foreignReason = try Self.feedback([["card": card, "outcome": "overridden", "outcomeTimestamp": "2025-01-10T10:00:00Z",
                                                    "overrideReason": ["reason": ["system": TestEHR.publicURL + "/cds-services/override-reasons", "code": "bored"]]]])
            #expect(try await Self.sendFeedback(ehr, service.port, foreignReason).status == 400)
            // A rule across members the description names: an override reason belongs to an overridden card.
            let acceptedWithReason = try Self.feedback([["card": card, "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z",
                                                         "overrideReason": ["reason": ["system": TestEHR.publicURL + "/cds-services/override-reasons", "code": "not-relevant-now"]]]])
            let refusedReason = try await Self.sendFeedback(ehr, service.port, acceptedWithReason)
            #expect(refusedReason.status == 400)
            #expect(try Self.outcomeIssue(refusedReason)["expression"] as? [String] == ["feedback[0].overrideReason"])
            let counts = try #require(try await Self.send(service.port, "GET", "/v1/stats").json()["cdsFeedback"] as? [String: Any])
            #expect(counts["accepted"] as? Int == 0 && counts["overridden"] as? Int == 0)
            // The uuid in capitals is the same card.
            let upper = try Self.feedback([["card": card.uppercased(), "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z"]])
            #expect(try await Self.sendFeedback(ehr, service.port, upper).status == 200)
        }
    }

    /// The key of the card uuids is the database's: a card issued by one
    /// instance is accepted by another on the same database.
    @Test(.enabled(if: TestEngine.isPostgres, "two instances on one database need PostgreSQL"))
    func aCardIssuedByOneInstanceIsAcceptedByAnother() async throws {
        try await withEHR { ehr, first in
            let card = try #require(try await Self.issuedCard(ehr, first.port)["uuid"] as? String)
            let location = first.databasePath
            let second = try TestService {
                ehr.configure(&$0)
                $0.databasePath = location
            }
            let body = try Self.feedback([["card": card, "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z"]])
            let status = try await Self.sendFeedback(ehr, second.port, body).status
            try await onOwnThread { second.stop() }
            #expect(status == 200)
        }
    }

    /// The one issue of an OperationOutcome answer, after checking the form
    /// every CDS error has.
    static func outcomeIssue(_ response: WireResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(["application/json", "application/fhir+json"].contains(response.header("Content-Type") ?? ""), sourceLocation: sourceLocation)
        #expect(response.header("Access-Control-Allow-Origin") == "*", sourceLocation: sourceLocation)
        let body = try response.json()
        #expect(body["resourceType"] as? String == "OperationOutcome", "\(response.text)", sourceLocation: sourceLocation)
        let issues = try #require(body["issue"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(issues.count == 1 && issues[0]["severity"] as? String == "error", sourceLocation: sourceLocation)
        #expect((issues[0]["diagnostics"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(!response.text.contains("eyJ"), "no token in an error", sourceLocation: sourceLocation)
        return issues[0]
    }

    /// Every refusal under /cds-services, whatever refused it, is an
    /// OperationOutcome (application/fhir+json when asked for), never
    /// problem+json, with the status's own fields.
    @Test func everyCDSErrorIsAnOperationOutcome() async throws {
        try await withEHR(configure: { $0.http.maximumBodyBytes = 64 << 10 }) { ehr, service in
            let port = service.port
            var partial = try Self.prefetch("poems-searchset.json")
            partial["observations"] = nil
            let json = [("Content-Type", "application/json")]
            let cases: [(name: String, status: Int, code: String, response: WireResponse)] = [
                ("not a CDS request", 400, "invalid", try await Self.call(port, try await ehr.token(), Array("{}".utf8))),
                ("no JWT", 401, "login", try await Self.call(port, nil, try Self.request(prefetch: partial))),
                ("prefetch missing", 412, "incomplete", try await Self.call(port, try await ehr.token(), try Self.request(prefetch: partial))),
                ("unknown service", 404, "not-found", try await Self.send(port, "POST", "/cds-services/unknown", headers: json, body: Array("{}".utf8))),
                ("method", 405, "not-supported", try await Self.send(port, "DELETE", "/cds-services")),
                ("media type", 415, "not-supported", try await Self.send(port, "POST", Self.service, headers: [
                    ("Content-Type", "text/plain"), ("Authorization", "Bearer \(try await ehr.token())")], body: Array("{}".utf8))),
                ("too large", 413, "too-long", try await Self.send(port, "POST", Self.service, headers: json, body: Array(repeating: 32, count: 70 << 10))),
                ("query parameter", 400, "invalid", try await Self.send(port, "GET", "/cds-services?debug=1")),
            ]
            for (name, status, code, response) in cases {
                #expect(response.status == status, "\(name): \(response.text.prefix(200))")
                #expect(response.header("Content-Type") == "application/json", "\(name)")
                let issue = try Self.outcomeIssue(response)
                #expect(issue["code"] as? String == code, "\(name)")
            }
            #expect(try Self.outcomeIssue(cases[0].response)["expression"] as? [String] == ["hook"])
            #expect(cases[1].response.header("WWW-Authenticate") == "Bearer")
            #expect(cases[4].response.header("Allow")?.contains("GET") == true)
            let fhir = try await Self.send(port, "POST", Self.service, headers: json + [("Accept", "application/fhir+json")], body: Array("{}".utf8))
            #expect(fhir.status == 401 && fhir.header("Content-Type") == "application/fhir+json")
        }
    }

    @Test func everyKindOfBadTokenIsABare401AndAudited() async throws {
        try await withEHR { ehr, service in
            let body = try Self.request(prefetch: Self.prefetch("poems-searchset.json"))
            let now = Int(Date().timeIntervalSince1970)
            var wrongAudience = TestEHR.Claims(); wrongAudience.aud = "https://poemsd.test.evil/cds-services/poems-syndrome"
            var expired = TestEHR.Claims(); expired.iat = now - 900; expired.exp = now - 600
            var future = TestEHR.Claims(); future.iat = now + 600; future.exp = now + 900
            var notBefore = TestEHR.Claims(); notBefore.nbf = now + 600
            var untrusted = TestEHR.Claims(); untrusted.iss = "https://other-ehr.test"
            let valid = try await ehr.token()
            var parts = valid.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let publicPEM = ehr.rsaKey.publicKey.pemRepresentation
            let hs256 = try TestEHR.handMade(header: ["alg": "HS256", "kid": "rsa-1", "typ": "JWT"]) { data in
                Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: Array(publicPEM.utf8))))
            }
            let none = try TestEHR.handMade(header: ["alg": "none", "kid": "ec-1", "typ": "JWT"]) { _ in [] }
            let replayed = try await ehr.token()
            #expect(try await Self.call(service.port, replayed, body).status == 200)

            let cases: [(String, String?)] = [
                ("missing", nil),
                ("bad signature", parts.joined(separator: ".")),
                ("unknown kid", try await ehr.token(kid: "ec-unknown")),
                ("wrong aud", try await ehr.token(wrongAudience)),
                ("expired", try await ehr.token(expired)),
                ("not yet valid (iat)", try await ehr.token(future)),
                ("not yet valid (nbf)", try await ehr.token(notBefore)),
                ("untrusted issuer", try await ehr.token(untrusted)),
                ("jku not on the allow-list", try await ehr.token(jku: "https://attacker.example/jwks.json")),
                ("replayed jti", replayed),
                ("alg none", none),
                ("HS256 with the public key as secret", hs256),
            ]
            for (name, token) in cases {
                let response = try await Self.call(service.port, token, body)
                try Self.expectBare401(response, name)
            }
            // Accepted: ES384 and RS384.
            #expect(try await Self.call(service.port, try await ehr.token(algorithm: .rs384), body).status == 200)
            #expect(try await Self.call(service.port, try await ehr.token(algorithm: .es384), body).status == 200)

            // Audited with the reason; neither the JWT nor anything of it is stored.
            let audit = try await Self.send(service.port, "GET", "/v1/audit?limit=100").json()
            let actions = ((audit["events"] as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String }
            for reason in ["signature", "kid", "audience", "expired", "not-yet-valid", "issuer", "replayed", "algorithm", "malformed", "jku"] {
                #expect(actions.contains("cds.denied:\(reason)"), "\(reason)")
            }
            let stored = try TestSQL.storedBytes(service.databasePath)
            for token in [valid, replayed] {
                #expect(stored.range(of: Data(token.split(separator: ".")[2].utf8)) == nil)
            }
        }
    }
}

extension CDSHooksAPITests {
    /// The refusals no CDS route gives today but the request path may (a rate
    /// limit, a database that cannot serve), as ``CDSHooksMiddleware`` answers
    /// them: OperationOutcomes that keep `Retry-After`, valid against the
    /// document.
    @Test func rateLimitAndStorageRefusalsAreOperationOutcomes() throws {
        let refusals: [(ProblemDetails, String)] = [
            (ProblemDetails.tooManyRequests(retryAfter: 7), "throttled"),
            (StorageProblem.unavailable("The database cannot serve this request; nothing was saved."), "transient"),
        ]
        for (problem, code) in refusals {
            let response = CDSOutcome(problem, accept: "application/json", allowOrigin: "*").response(requestID: "r-1")
            let wire = WireResponse(status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body)
            #expect(wire.status == problem.status)
            #expect(wire.header("Retry-After") == problem.headers["Retry-After"] && wire.header("Retry-After") != nil)
            #expect(try Self.outcomeIssue(wire)["code"] as? String == code)
            #expect(OpenAPIContract.shared.violations(method: "POST", target: Self.service, response: wire).isEmpty)
        }
    }

    /// The example of docs/fhir-and-cds-hooks.md: scripts/cds-example.py makes the EHR's keys and
    /// a signed request that poemsd accepts.
    @Test func theExampleScriptMakesARequestPoemsdAccepts() async throws {
        let python = "python3" // scripts/test.sh puts its venv first on PATH
        let script = TestService.fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/cds-example.py").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = try await onOwnThread { try runProcess("/usr/bin/env", [python, script, "keys", directory.path]) }
        #expect(keys.status == 0, "\(keys.output)")
        let service = try TestService {
            $0.cds.publicURL = TestEHR.publicURL
            $0.cds.issuers = [.init(issuer: TestEHR.issuer, jwksPath: directory.appendingPathComponent("jwks.json").path)]
        }
        let arguments = [
            python, script, "call", "--key", directory.appendingPathComponent("ehr-private.pem").path, "--issuer", TestEHR.issuer,
            "--url", "http://127.0.0.1:\(service.port)\(Self.service)", "--audience", TestEHR.publicURL + Self.service,
        ]
        let result = try await onOwnThread { try runProcess("/usr/bin/env", arguments) }
        try await onOwnThread { service.stop() }
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("200"))
        #expect(result.output.contains(#""cards""#))
    }
}

/// Runs blocking work on a thread of its own and waits for it without
/// holding a thread of the cooperative pool.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
