import Foundation
import HTTPServer
import Logging
import POEMSStorage
import Testing

/// The middleware chain, end to end: conditional GET in one place for every
/// cacheable route, query parameters as each route declares them, the
/// audit of denials and its caps, and client request ids.
@Suite struct RequestPathTests {
    static let caseBody = #"{"patientRef": "MRN-PATH-1", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}}"#

    @Test func everyCacheableRouteAnswers304ThroughTheOneImplementation() throws {
        try withService { service in
            let created = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody)
            let location = try #require(created.header("Location"))
            let paths = [
                "/v1/criteria", "/v1/criteria/imwg-2014", "/v1/evidence/treatment-response", "/v1/evidence/treatment-response?minImproved=50",
                "/v1/evidence/treatment-response/radiation", "/v1/evidence/transplant-response", "/v1/evidence/clinical-features",
                "/v1/evidence/statements", "/v1/cases", location, location + "/revisions", "/v1/stats", "/v1/changes",
                "/dashboard", "/dashboard/app.js", "/dashboard/app.css", "/openapi.json",
            ]
            for path in paths {
                let first = try fetch(service.port, "GET", path)
                #expect(first.status == 200, "\(path)")
                let etag = try #require(first.header("ETag"), "\(path) has no ETag")
                for condition in [etag, "W/" + etag, "\"other\", " + etag, "*"] {
                    let again = try fetch(service.port, "GET", path, headers: [("If-None-Match", condition)])
                    #expect(again.status == 304, "\(path) with If-None-Match: \(condition)")
                    #expect(again.body.isEmpty)
                    #expect(again.header("ETag") == etag, "\(path)")
                    #expect(again.header("Cache-Control") == first.header("Cache-Control"), "\(path): a 304 keeps the caching fields")
                    #expect(again.header("Content-Length") == String(first.body.count), "\(path): a 304 states the representation's length")
                }
                let changed = try fetch(service.port, "GET", path, headers: [("If-None-Match", "\"not-this-one\"")])
                #expect(changed.status == 200 && changed.body == first.body, "\(path)")
            }
            // Case records say `private, no-cache` (declared once, for every /v1 route).
            #expect(try fetch(service.port, "GET", location).header("Cache-Control") == "private, no-cache")
            #expect(try fetch(service.port, "GET", "/v1/stats").header("Cache-Control") == "private, no-cache")
            // A case poll answered from its current tag moves with the case.
            let etag = try #require(created.header("ETag"))
            let updated = try fetch(service.port, "PUT", location, json: #"{"findings": {}}"#, headers: [("If-Match", etag)])
            #expect(updated.status == 200)
            let poll = try fetch(service.port, "GET", location, headers: [("If-None-Match", etag)])
            #expect(poll.status == 200 && poll.header("ETag") == updated.header("ETag"))
            let unchanged = try fetch(service.port, "GET", location, headers: [("If-None-Match", updated.header("ETag") ?? "")])
            #expect(unchanged.status == 304)
            // Not for writes.
            let write = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {}}"#, headers: [("If-None-Match", "*")])
            #expect(write.status == 200)
        }
    }

    @Test func queryParametersAreCheckedAsEachRouteDeclaresThem() throws {
        try withService { service in
            let location = try #require(try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody).header("Location"))
            for path in ["/v1/criteria?foo=1", location + "?include=treatmentEvidence", "/healthz?x=1", "/v1/evidence/statements?q=a"] {
                let refused = try fetch(service.port, "GET", path)
                #expect(refused.status == 400, "\(path)")
                let problem = try refused.json()
                #expect(problem["type"] as? String == "urn:poemsd:problem:invalid-parameter", "\(path)")
                #expect((problem["detail"] as? String)?.contains("takes no query parameters") == true, "\(path)")
            }
            let unknown = try fetch(service.port, "GET", "/v1/cases?verdicts=met").json()
            #expect(unknown["parameter"] as? String == "verdicts")
            #expect((unknown["detail"] as? String)?.contains("known: criteria, cursor, limit") == true)
            let repeated = try fetch(service.port, "GET", "/v1/cases?limit=1&limit=2")
            #expect(try repeated.status == 400 && repeated.json()["parameter"] as? String == "limit")
            #expect(try fetch(service.port, "GET", "/v1/cases?limit=1").status == 200)
            // Checked after authentication: without a key it is a 401, not a 400.
            #expect(try fetch(service.port, "GET", "/v1/criteria?foo=1", headers: [("Authorization", "")]).status == 401)
        }
    }

    @Test func authenticationFailuresAreStillAudited() throws {
        try withService { service in
            let reader = try AccessControlTests.key(service, "viewer", .reader)
            let location = try #require(try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody).header("Location"))
            #expect(try fetch(service.port, "GET", location, headers: [("Authorization", "Bearer poemsd_bogus"), ("X-Request-Id", "denied-401")]).status == 401)
            #expect(try fetch(service.port, "DELETE", location, headers: reader + [("X-Request-Id", "denied-403")]).status == 403)
            #expect(try fetch(service.port, "GET", "/v1/criteria", headers: [("Authorization", ""), ("X-Request-Id", "denied-open")]).status == 401)
            // A write is acknowledged once durable, and the one writer commits in order: the denials before it are in.
            #expect(try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody).status == 201)
            let events = try fetch(service.port, "GET", "/v1/audit?limit=500").json()["events"] as? [[String: Any]] ?? []
            func event(_ id: String) -> [String: Any]? { events.first { $0["requestId"] as? String == id } }
            #expect(event("denied-401")?["action"] as? String == "denied:case.read")
            #expect(event("denied-401")?["status"] as? Int == 401)
            #expect(event("denied-401")?["key"] == nil)
            #expect(event("denied-403")?["action"] as? String == "denied:case.delete")
            #expect(event("denied-403")?["key"] as? String == "viewer")
            #expect(event("denied-open")?["action"] as? String == "denied:GET /v1/criteria", "routes audited only when denied are named by method and pattern")
        }
    }

    // On a thread of its own: the CDS Hooks call is answered by an async
    // handler on the cooperative pool, which this blocking test must not hold.
    @Test func deniedRequestsPastTheGlobalCapAreCountedNotAudited() async throws {
        try await onOwnThread { try Self.deniedRequestsPastTheGlobalCap() }
    }

    static func deniedRequestsPastTheGlobalCap() throws {
        let cap = 5
        try withService(configure: {
            $0.auditedDenialsPerMinute = cap
            $0.http.trustedProxies = [IPNetwork("127.0.0.0/8")!]
        }) { service in
            // Each from its own address: the per-address cap (60 a minute) would admit them all.
            let denied = 20
            for index in 0..<denied {
                let response = try fetch(service.port, "GET", "/v1/cases", headers: [
                    ("Authorization", "Bearer poemsd_bogus"), ("X-Forwarded-For", "198.51.100.\(index + 1)"),
                ])
                #expect(response.status == 401)
            }
            // CDS Hooks denials share the cap. Their handler runs on the
            // cooperative pool, which blocking tests elsewhere in the suite
            // can hold for a while: a patient client.
            let cds = try TestConnection(port: service.port, timeoutSeconds: 600).request("POST", "/cds-services/poems-syndrome", json: "{}", headers: [
                ("Authorization", "Bearer not.a.jwt"), ("X-Forwarded-For", "203.0.113.7"),
            ])
            #expect(cds.status == 401)
            #expect(try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody).status == 201)

            let audited = try TestSQL.count(service.databasePath,
                                            "SELECT count(*) FROM audit_events WHERE action LIKE 'denied:%' OR action LIKE 'cds.denied:%'")
            // The cap refills at 5 a minute: one more may have come while the test ran.
            #expect(audited >= cap && audited <= cap + 1, "audited \(audited) denials")
            let samples = try MetricsTests.parse(try fetch(service.port, "GET", "/metrics").text, in: service.directory)
            #expect(MetricsTests.value(samples, "poemsd_audit_denials_unrecorded_total") == Double(denied + 1 - audited))
            #expect(MetricsTests.value(samples, "poemsd_http_requests_denied_total", ["reason": "unauthenticated"]) == Double(denied + 1))
        }
    }

    @Test func unacceptableRequestIDsAreReplacedNotStoredOrEchoed() throws {
        let capture = LogCapture()
        var logger = Logger(label: "poemsd-test") { _ in capture }
        logger.logLevel = .info
        let service = try TestService(logger: logger)
        defer { service.stop() }
        let longest = String(repeating: "a", count: 64)
        #expect(try fetch(service.port, "GET", "/healthz", headers: [("X-Request-Id", longest)]).header("X-Request-Id") == longest)

        let tooLong = "trace-" + String(repeating: "0123456789", count: 6)   // 66 characters
        let unsafe = ["abc/def", "a\"b", "x y", "<script>", "%41%42", tooLong]
        for candidate in unsafe {
            let response = try fetch(service.port, "GET", "/healthz", headers: [("X-Request-Id", candidate)])
            let id = try #require(response.header("X-Request-Id"))
            #expect(id != candidate && id.count == 32 && id.allSatisfy(\.isHexDigit), "\(candidate) was echoed as \(id)")
        }

        let created = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: [("X-Request-Id", tooLong)])
        #expect(created.status == 201)
        let generated = try #require(created.header("X-Request-Id"))
        #expect(generated != tooLong)
        let trail = try fetch(service.port, "GET", "/v1/audit?limit=500")
        let events = try trail.json()["events"] as? [[String: Any]] ?? []
        #expect(events.contains { $0["action"] as? String == "case.create" && $0["requestId"] as? String == generated },
                "the audit trail has the generated id")
        #expect(!trail.text.contains(tooLong))
        let problem = try fetch(service.port, "GET", "/v1/nowhere", headers: [("X-Request-Id", tooLong)]).json()
        #expect(problem["requestId"] as? String != tooLong)
        // Each request's line is logged before its answer is sent.
        #expect(!capture.lines.isEmpty)
        #expect(!capture.lines.joined(separator: "\n").contains(tooLong), "the log has the client's id")
    }
}
