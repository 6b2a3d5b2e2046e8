import Dispatch
import Foundation
import POEMSStorage
import Testing

/// Every error on a FHIR request is a FHIR `OperationOutcome`
/// (`application/fhir+json`), whatever answers it: the route (400, 404,
/// 410, 412, 422, 428), the middleware (401, 403, 429), the storage (503)
/// or the transport before the route runs (413, in ``FHIRSizeTests``). A
/// request is a FHIR request when its body is `application/fhir+json`, or
/// when it accepts `application/fhir+json` and not problem+json. The
/// status and the header fields are the problem's; nothing of the token or
/// the patient is in it. The service's JSON keeps problem+json. Every
/// answer is checked against the API description (``OpenAPIContract``).
@Suite struct FHIRErrorTests {
    /// An OperationOutcome of one issue of the FHIR `IssueType` `code`,
    /// naming the problem type `slug`.
    static func expectOutcome(_ response: WireResponse, _ status: Int, _ code: String, _ slug: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/fhir+json", sourceLocation: sourceLocation)
        let outcome = try response.json()
        #expect(outcome["resourceType"] as? String == "OperationOutcome", sourceLocation: sourceLocation)
        let issue = (outcome["issue"] as? [[String: Any]])?.first
        #expect(issue?["severity"] as? String == "error", sourceLocation: sourceLocation)
        #expect(issue?["code"] as? String == code, sourceLocation: sourceLocation)
        let coding = ((issue?["details"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
        #expect(coding?["system"] as? String == "urn:poemsd:problem", sourceLocation: sourceLocation)
        #expect(coding?["code"] as? String == slug, sourceLocation: sourceLocation)
        #expect(response.header("X-Request-Id") != nil, sourceLocation: sourceLocation)
    }

    static let fhir = [("Content-Type", "application/fhir+json")]

    /// A Bundle of a Patient and a polyneuropathy Condition.
    static let bundle = FHIRBundles.bundle([FHIRBundles.patient(sex: "male"), FHIRBundles.condition("pn", "42345000")])

    @Test func errorsOfTheRoutesAndTheMiddlewareAreOperationOutcomes() throws {
        try withService { service in
            let port = service.port
            try Self.expectOutcome(try fetch(port, "POST", "/v1/evaluations?criteria=nope", headers: Self.fhir, body: Self.bundle),
                                   400, "invalid", "invalid-parameter")

            let token = try #require(service.adminToken)
            let anonymous = try fetch(port, "POST", "/v1/evaluations", headers: Self.fhir + [("Authorization", "")], body: Self.bundle)
            try Self.expectOutcome(anonymous, 401, "login", "unauthorized")
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            let unknown = try fetch(port, "POST", "/v1/evaluations", headers: Self.fhir + [("Authorization", "Bearer poemsd_x\(token.suffix(6))")], body: Self.bundle)
            try Self.expectOutcome(unknown, 401, "login", "unauthorized")
            #expect(!unknown.text.contains(String(token.suffix(6))), "no part of a token is echoed")

            let reader = try AccessControlTests.key(service, "fhir-reader", .reader)
            try Self.expectOutcome(try fetch(port, "POST", "/v1/cases", headers: Self.fhir + reader, body: Self.bundle), 403, "forbidden", "forbidden")

            // A FHIR client that sends another media type is told so in its own format.
            let xml = try fetch(port, "POST", "/v1/evaluations", headers: [("Content-Type", "application/fhir+xml"), ("Accept", "application/fhir+json")],
                                body: Array("<Bundle/>".utf8))
            try Self.expectOutcome(xml, 415, "not-supported", "unsupported-media-type")
            #expect(xml.header("Accept-Post") == "application/json, application/fhir+json")
            // Without Accept, or accepting problem+json as well: problem+json.
            let plain = try fetch(port, "POST", "/v1/evaluations", headers: [("Content-Type", "application/fhir+xml")], body: Array("<Bundle/>".utf8))
            #expect(plain.status == 415 && plain.header("Content-Type") == "application/problem+json")
            let both = try fetch(port, "POST", "/v1/evaluations", headers: [("Content-Type", "text/plain"), ("Accept", "application/fhir+json, application/problem+json")],
                                 body: Array("x".utf8))
            #expect(both.status == 415 && both.header("Content-Type") == "application/problem+json")

            // The case routes.
            try Self.expectOutcome(try fetch(port, "PUT", "/v1/cases/no-such-case", headers: Self.fhir + [("If-Match", "*")], body: Self.bundle),
                                   404, "not-found", "not-found")
            let created = try fetch(port, "POST", "/v1/cases", headers: Self.fhir + [("Idempotency-Key", "fhir-1")], body: Self.bundle)
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            try Self.expectOutcome(try fetch(port, "PUT", location, headers: Self.fhir, body: Self.bundle), 428, "required", "precondition-required")
            try Self.expectOutcome(try fetch(port, "PUT", location, headers: Self.fhir + [("If-Match", #""stale""#)], body: Self.bundle),
                                   412, "conflict", "precondition-failed")
            let other = FHIRBundles.bundle([FHIRBundles.patient(sex: "female"), FHIRBundles.condition("pn", "42345000")])
            try Self.expectOutcome(try fetch(port, "POST", "/v1/cases", headers: Self.fhir + [("Idempotency-Key", "fhir-1")], body: other),
                                   422, "business-rule", "idempotency-key-reused")

            let id = String(location.dropFirst("/v1/cases/".count))
            let purged = DispatchSemaphore(value: 0)
            service.service.storage.cases.purge(id: id, audit: { _ in nil }) { _ in purged.signal() }
            #expect(purged.wait(timeout: .now() + 30) == .success)
            try Self.expectOutcome(try fetch(port, "PUT", location, headers: Self.fhir + [("If-Match", "*")], body: Self.bundle), 410, "deleted", "case-purged")

            // The service's JSON keeps problem+json, unless the client accepts only FHIR.
            let json = try fetch(port, "POST", "/v1/evaluations?criteria=nope", json: #"{"findings": {}}"#)
            #expect(json.status == 400 && json.header("Content-Type") == "application/problem+json")
            let accepting = try fetch(port, "POST", "/v1/evaluations", json: #"{"findings": {"papiledema": true}}"#, headers: [("Accept", "application/fhir+json")])
            try Self.expectOutcome(accepting, 400, "invalid", "invalid-field")
            let diagnostics = (try accepting.json()["issue"] as? [[String: Any]])?.first?["diagnostics"] as? String
            #expect(diagnostics?.hasSuffix("(JSON pointer /findings/papiledema)") == true, "\(diagnostics ?? "")")
            // Other routes are not FHIR routes.
            let elsewhere = try fetch(port, "GET", "/v1/cases?nope=1", headers: [("Accept", "application/fhir+json")])
            #expect(elsewhere.status == 400 && elsewhere.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func aBundleTooDeepOrNamingAMemberTwiceNamesTheElement() throws {
        try withService(configure: { $0.http.jsonLimits.maximumDepth = 6 }) { service in
            // Bundle, entry, an entry, its resource, code, coding: the coding is the seventh level.
            let deep = FHIRBundles.bundle([FHIRBundles.patient(sex: "male"), FHIRBundles.lab("hb", "718-7", 13, "g/dL")])
            let response = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: deep)
            #expect(response.status == 400 && response.header("Content-Type") == "application/fhir+json")
            let issue = (try response.json()["issue"] as? [[String: Any]])?.first
            #expect(issue?["code"] as? String == "structure")
            #expect(issue?["expression"] as? [String] == ["Bundle.entry[1].resource.code.coding[0]"])

            let twice = Array(#"{"resourceType": "Bundle", "type": "collection", "type": "searchset"}"#.utf8)
            let repeated = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: twice)
            #expect((try repeated.json()["issue"] as? [[String: Any]])?.first?["expression"] as? [String] == ["Bundle.type"])
        }
    }

    @Test func overTheRateLimitIsAnOperationOutcomeWithTheLimitsFields() throws {
        try withService(configure: { $0.requestsPerMinutePerKey = 1 }) { service in
            #expect(try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: Self.bundle).status == 200)
            let limited = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: Self.bundle)
            try Self.expectOutcome(limited, 429, "throttled", "too-many-requests")
            #expect(limited.header("Retry-After").flatMap(Int.init) != nil)
            #expect(limited.header("RateLimit-Policy") != nil && limited.header("RateLimit") != nil)
        }
    }

    @Test(.enabled(if: TestEngine.isSQLite, "the SQLite file removed under the server"))
    func storageUnavailableIsAnOperationOutcomeWithRetryAfter() throws {
        try withService { service in
            #expect(try FHIRAPITests.post(service.port, "/v1/cases", fhir: Self.bundle).status == 201)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: service.databasePath + suffix) }
            let refused = try FHIRAPITests.post(service.port, "/v1/cases", fhir: Self.bundle)
            try Self.expectOutcome(refused, 503, "transient", "storage-unavailable")
            #expect(refused.header("Retry-After").flatMap(Int.init) != nil)
        }
    }

    @Test func aCaseNeedsItsPatientAnEvaluationDoesNot() throws {
        let withoutPatient = FHIRBundles.bundle([
            ["resourceType": "Encounter", "id": "e1", "status": "finished", "class": ["system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"]],
            FHIRBundles.lab("hb", "718-7", 13.5, "g/dL"),
        ])
        try validateFHIR([("without-patient", withoutPatient)])
        try withService { service in
            let evaluated = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: withoutPatient)
            #expect(evaluated.status == 200)
            #expect(FHIRAPITests.provenance(try evaluated.json(), "/labs/hemoglobinGPerDl") != nil)

            for path in ["/v1/cases", "/v1/cases?unmapped=all"] {
                let refused = try FHIRAPITests.post(service.port, path, fhir: withoutPatient)
                #expect(refused.status == 400)
                #expect(refused.header("Content-Type") == "application/fhir+json")
                let issue = try #require((try refused.json()["issue"] as? [[String: Any]])?.first)
                #expect(issue["code"] as? String == "required")
                #expect(issue["expression"] as? [String] == ["Bundle.entry"])
                #expect((issue["diagnostics"] as? String)?.contains("Patient resource") == true)
            }
            let created = try FHIRAPITests.post(service.port, "/v1/cases", fhir: Self.bundle)
            let etag = try #require(created.header("ETag"))
            let replaced = try fetch(service.port, "PUT", try #require(created.header("Location")), headers: Self.fhir + [("If-Match", etag)], body: withoutPatient)
            #expect(replaced.status == 400)

            // A Patient without an id cannot name the case.
            let anonymous = FHIRBundles.bundle([["resourceType": "Patient", "gender": "male"], FHIRBundles.condition("pn", "42345000", extra: ["subject": ["reference": "urn:uuid:00000000-0000-4000-8000-000000000000"]])])
            let noID = try FHIRAPITests.post(service.port, "/v1/cases", fhir: anonymous)
            #expect(noID.status == 400)
            #expect((try noID.json()["issue"] as? [[String: Any]])?.first?["expression"] as? [String] == ["Bundle.entry[0].resource.id"])
            // Two Patients are refused for evaluations too.
            let two = FHIRBundles.bundle([FHIRBundles.patient(sex: "male"), ["resourceType": "Patient", "id": "p2"]])
            #expect(try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: two).status == 400)

            // Nothing was stored but the one case.
            let listing = try fetch(service.port, "GET", "/v1/cases").json()
            #expect((listing["items"] as? [[String: Any]])?.count == 1)
        }
    }
}
