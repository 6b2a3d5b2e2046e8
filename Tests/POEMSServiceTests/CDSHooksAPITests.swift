import Crypto
import Foundation
import HTTPServer
import Logging
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
    func withEHR(_ body: (TestEHR, TestService) async throws -> Void) async throws {
        let ehr = try TestEHR()
        defer { ehr.remove() }
        let logs = LogCapture()
        var logger = Logger(label: "poemsd-test") { _ in logs }
        logger.logLevel = .trace
        let service = try TestService(logger: logger, configure: ehr.configure)
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
            let summary = try #require(card["summary"] as? String)
            #expect(summary.count < 140)
            #expect(summary.contains("IMWG"))
            #expect((card["detail"] as? String)?.contains("- **Polyneuropathy (polyradiculoneuropathy, typically demyelinating)** — met:") == true)
            let source = try #require(card["source"] as? [String: Any])
            #expect((source["label"] as? String)?.contains("Lancet Oncol") == true)
            #expect(((card["links"] as? [[String: Any]])?.first?["url"] as? String)?.hasPrefix(TestEHR.publicURL) == true)
            #expect(card["uuid"] as? String != nil)
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
            #expect(try refused.json()["detail"] as? String == "The prefetch lacks observations and no fhirServer with fhirAuthorization was given to fetch it.")

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

    @Test func feedbackIsStoredOnceAndCounted() async throws {
        try await withEHR { ehr, service in
            let feedback = Array(try JSONSerialization.data(withJSONObject: ["feedback": [
                ["card": "card-1", "outcome": "accepted", "outcomeTimestamp": "2025-01-10T10:00:00Z"],
                ["card": "card-2", "outcome": "overridden", "outcomeTimestamp": "2025-01-10T10:01:00Z",
                 "overrideReason": ["reason": ["system": "http://example.org/reasons", "code": "already-known"], "userComment": "seen by haematology"]],
            ]]))
            let path = Self.service + "/feedback"
            var claims = TestEHR.Claims()
            claims.aud = TestEHR.publicURL + path
            #expect(try await Self.call(service.port, try await ehr.token(claims), feedback, path: path).status == 200)
            // A retry (a new token, the same feedback) is stored once.
            claims.jti = UUID().uuidString
            #expect(try await Self.call(service.port, try await ehr.token(claims), feedback, path: path).status == 200)
            let stats = try await Self.send(service.port, "GET", "/v1/stats").json()
            let counts = try #require(stats["cdsFeedback"] as? [String: Any])
            #expect(counts["accepted"] as? Int == 1)
            #expect(counts["overridden"] as? Int == 1)
            #expect((counts["overrideReasons"] as? [String: Int])?["http://example.org/reasons|already-known"] == 1)
            // The comment, which may name the patient, is not stored.
            let comment = Data("seen by haematology".utf8)
            #expect(try TestSQL.storedBytes(service.databasePath).range(of: comment) == nil)
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
                #expect(response.status == 401, "\(name)")
                #expect(try response.json()["detail"] as? String == "The request is not authorized.", "\(name)")
                #expect(response.header("WWW-Authenticate") == "Bearer", "\(name)")
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
    /// The README's example: scripts/cds-example.py makes the EHR's keys and
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
