import Foundation
import Logging
import POEMSAPI
import POEMSStorage
import Testing

/// Keys, roles, the audit trail and rate limits, end to end over HTTP.
@Suite struct AccessControlTests {
    static let caseBody = #"{"patientRef": "MRN-SECRET-7731", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "papilledema": true, "organomegaly": {"splenomegaly": true}}}"#

    /// A key with `role` in the service's database.
    static func key(_ service: TestService, _ name: String, _ role: Role) throws -> [(String, String)] {
        let token = try TestService.storage(service.databasePath).keys.create(name: name, role: role).token
        return [("Authorization", "Bearer \(token)")]
    }

    static let anonymous = [("Authorization", "")]

    @Test func missingOrBadTokensAre401WithAChallenge() throws {
        try withService { service in
            let missing = try fetch(service.port, "GET", "/v1/criteria", headers: Self.anonymous)
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(missing.header("Content-Type") == "application/problem+json")
            #expect(try missing.json()["type"] as? String == "urn:poemsd:problem:unauthorized")

            let unknown = try fetch(service.port, "GET", "/v1/criteria", headers: [("Authorization", "Bearer poemsd_not-a-real-token")])
            #expect(unknown.status == 401)
            #expect(unknown.header("WWW-Authenticate")?.contains("invalid_token") == true)

            let basic = try fetch(service.port, "GET", "/v1/criteria", headers: [("Authorization", "Basic dXNlcjpwYXNz")])
            #expect(basic.status == 401)

            // Health, readiness and the API description stay open.
            for path in ["/healthz", "/readyz", "/openapi.json"] {
                #expect(try fetch(service.port, "GET", path, headers: Self.anonymous).status == 200, "\(path)")
            }
        }
    }

    @Test func eachRoleIsAllowedItsActionsOnly() throws {
        try withService { service in
            let reader = try Self.key(service, "dashboard", .reader)
            let writer = try Self.key(service, "ehr", .writer)
            let admin = try Self.key(service, "ops", .admin)
            let evaluation = #"{"findings": {"polyneuropathy": true}}"#

            // reader: criteria, evidence, evaluations, reading cases and stats.
            #expect(try fetch(service.port, "GET", "/v1/criteria", headers: reader).status == 200)
            #expect(try fetch(service.port, "GET", "/v1/evidence/statements", headers: reader).status == 200)
            #expect(try fetch(service.port, "POST", "/v1/evaluations", json: evaluation, headers: reader).status == 200)
            #expect(try fetch(service.port, "GET", "/v1/cases", headers: reader).status == 200)
            #expect(try fetch(service.port, "GET", "/v1/stats", headers: reader).status == 200)
            let denied = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: reader)
            #expect(denied.status == 403)
            #expect(try denied.json()["type"] as? String == "urn:poemsd:problem:forbidden")
            #expect(try fetch(service.port, "GET", "/v1/audit", headers: reader).status == 403)

            // writer: also create, update, delete.
            let created = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: writer)
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            #expect(try fetch(service.port, "GET", location, headers: reader).status == 200)
            #expect(try fetch(service.port, "DELETE", location, headers: reader).status == 403)
            let etag = try #require(created.header("ETag"))
            #expect(try fetch(service.port, "PUT", location, json: #"{"findings": {}}"#, headers: writer + [("If-Match", etag)]).status == 200)
            #expect(try fetch(service.port, "GET", "/v1/audit", headers: writer).status == 403)
            #expect(try fetch(service.port, "DELETE", location, headers: writer).status == 204)

            // admin: also the audit trail.
            #expect(try fetch(service.port, "GET", "/v1/audit", headers: admin).status == 200)
        }
    }

    @Test func idempotencyKeysAreScopedToTheAPIKey() throws {
        try withService { service in
            let first = try Self.key(service, "ehr-a", .writer)
            let second = try Self.key(service, "ehr-b", .writer)
            let a = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: first + [("Idempotency-Key", "1")])
            let b = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: second + [("Idempotency-Key", "1")])
            #expect(a.status == 201 && b.status == 201)
            #expect(b.header("Idempotent-Replayed") == nil, "another integration's key 1 is not this one's")
            #expect(a.header("Location") != b.header("Location"))
            // The same key with another query is another request.
            let other = try fetch(service.port, "POST", "/v1/cases?criteria=suichi-2019", json: Self.caseBody, headers: first + [("Idempotency-Key", "1")])
            #expect(other.status == 422)
        }
    }

    @Test func aStartWithEveryKeyRevokedCreatesANewAdminKey() throws {
        let first = try TestService()
        let path = first.databasePath
        let keys = try TestService.storage(path).keys
        try keys.revoke(name: "bootstrap-admin")
        first.service.stop()
        // The database stays; a new service on it starts and has a working key.
        let second = try TestService { $0.databasePath = path }
        defer { second.stop(); try? FileManager.default.removeItem(at: first.directory) }
        let token = try #require(second.adminToken)
        #expect(try fetch(second.port, "GET", "/v1/criteria", headers: [("Authorization", "Bearer \(token)")]).status == 200)
        #expect(try keys.list().map(\.name).sorted() == ["bootstrap-admin", "bootstrap-admin-2"])
    }

    /// The server caches authenticated keys; a revocation from another
    /// process (as `poemsd keys revoke`) takes effect within one second.
    @Test func revokedKeysNoLongerAuthenticate() throws {
        try withService { service in
            let keys = try TestService.storage(service.databasePath).keys
            let token = try keys.create(name: "temporary", role: .reader).token
            let headers = [("Authorization", "Bearer \(token)")]
            let connection = try TestConnection(port: service.port)
            #expect(try connection.request("GET", "/v1/criteria", headers: headers).status == 200)
            #expect(try connection.request("GET", "/v1/criteria", headers: headers).status == 200, "served from the cache")
            try keys.revoke(name: "temporary")
            let revoked = ContinuousClock.now
            var status = 200
            while status == 200 && ContinuousClock.now - revoked < .seconds(3) {
                status = try connection.request("GET", "/v1/criteria", headers: headers).status
            }
            #expect(status == 401)
            #expect(ContinuousClock.now - revoked <= .seconds(1), "revocation took effect after \(ContinuousClock.now - revoked)")
        }
    }

    /// A conditional read answered 304 discloses nothing the caller does not
    /// hold already: a dashboard polling a case adds no row per poll, while
    /// every read that returned the case (200) is recorded.
    @Test func notModifiedPollsAreNotAuditedAsReads() throws {
        try withService { service in
            let writer = try Self.key(service, "ehr", .writer)
            let reader = try Self.key(service, "wall", .reader)
            let admin = try Self.key(service, "auditor", .admin)
            let created = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: writer)
            let location = try #require(created.header("Location"))
            let read = try fetch(service.port, "GET", location, headers: reader)
            #expect(read.status == 200)
            let tag = try #require(read.header("ETag"))
            for _ in 0..<5 {
                #expect(try fetch(service.port, "GET", location, headers: reader + [("If-None-Match", tag)]).status == 304)
            }
            #expect(try fetch(service.port, "GET", location, headers: reader).status == 200)
            // A write is answered once durable, after every append queued before it.
            #expect(try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: writer).status == 201)
            let events = try fetch(service.port, "GET", "/v1/audit?limit=500", headers: admin).json()["events"] as? [[String: Any]] ?? []
            let reads = events.filter { $0["action"] as? String == "case.read" }
            #expect(reads.map { $0["status"] as? Int } == [200, 200], "the two reads that returned the case, and no poll")
        }
    }

    @Test func everyCaseAccessAndDenialIsAudited() throws {
        try withService { service in
            let writer = try Self.key(service, "ehr", .writer)
            let reader = try Self.key(service, "dashboard", .reader)
            let admin = try Self.key(service, "auditor", .admin)

            let created = try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: writer + [("X-Request-Id", "req-create")])
            let location = try #require(created.header("Location"))
            let id = String(location.dropFirst("/v1/cases/".count))
            _ = try fetch(service.port, "GET", location, headers: reader)
            _ = try fetch(service.port, "GET", location + "/revisions", headers: reader)
            _ = try fetch(service.port, "PUT", location, json: #"{"findings": {}}"#, headers: writer + [("If-Match", created.header("ETag") ?? "")])
            _ = try fetch(service.port, "GET", "/v1/cases", headers: reader)
            _ = try fetch(service.port, "DELETE", location, headers: reader)          // denied
            _ = try fetch(service.port, "DELETE", location, headers: writer)
            _ = try fetch(service.port, "GET", location, headers: Self.anonymous)     // denied, no key

            // Appends are asynchronous for reads; a write is acknowledged only
            // once it is durable, after every append queued before it (one
            // writer, in order): once it is answered, the reads' events are in.
            #expect(try fetch(service.port, "POST", "/v1/cases", json: Self.caseBody, headers: writer).status == 201)
            let events = try fetch(service.port, "GET", "/v1/audit?limit=500", headers: admin).json()["events"] as? [[String: Any]] ?? []
            func row(_ action: String) -> [String: Any]? { events.first { $0["action"] as? String == action } }
            #expect(row("case.create")?["key"] as? String == "ehr")
            #expect(row("case.create")?["caseId"] as? String == id)
            #expect(row("case.create")?["status"] as? Int == 201)
            #expect(row("case.create")?["requestId"] as? String == "req-create")
            #expect(row("case.create")?["clientAddress"] as? String == "127.0.0.1")
            #expect(row("case.read")?["key"] as? String == "dashboard")
            #expect(row("case.revisions")?["status"] as? Int == 200)
            #expect(row("case.update")?["status"] as? Int == 200)
            #expect(row("case.list")?["status"] as? Int == 200)
            #expect(row("case.delete")?["status"] as? Int == 204)
            #expect(row("denied:case.delete")?["key"] as? String == "dashboard")
            #expect(row("denied:case.delete")?["status"] as? Int == 403)
            #expect(row("denied:case.read") != nil && row("denied:case.read")?["key"] == nil, "no key was presented")
            #expect(row("denied:case.read")?["status"] as? Int == 401)

            // Filters and paging.
            let byCase = try fetch(service.port, "GET", "/v1/audit?caseId=\(id)", headers: admin).json()["events"] as? [[String: Any]] ?? []
            #expect(!byCase.isEmpty && byCase.allSatisfy { $0["caseId"] as? String == id })
            let byKey = try fetch(service.port, "GET", "/v1/audit?key=dashboard", headers: admin).json()["events"] as? [[String: Any]] ?? []
            #expect(!byKey.isEmpty && byKey.allSatisfy { $0["key"] as? String == "dashboard" })
            let first = try fetch(service.port, "GET", "/v1/audit?limit=2", headers: admin).json()
            let cursor = try #require(first["nextCursor"] as? String)
            let second = try fetch(service.port, "GET", "/v1/audit?limit=2&cursor=\(cursor)", headers: admin).json()
            let ids = ((first["events"] as? [[String: Any]] ?? []) + (second["events"] as? [[String: Any]] ?? [])).compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted() && Set(ids).count == 4)

            // Never the patient reference or findings.
            let trail = try fetch(service.port, "GET", "/v1/audit?limit=500", headers: admin).text
            #expect(!trail.contains("MRN-SECRET-7731"))
            #expect(!trail.contains("splenomegaly"))

            // Append-only, in the database itself.
            #expect(try TestSQL.count(service.databasePath, "SELECT count(*) FROM audit_events") > 0)
            #expect(throws: (any Error).self) { try TestSQL.execute(service.databasePath, "DELETE FROM audit_events") }
            #expect(throws: (any Error).self) { try TestSQL.execute(service.databasePath, "UPDATE audit_events SET status = 200") }
            #expect(try TestSQL.count(service.databasePath, "SELECT count(*) FROM audit_events WHERE status <> 200") >= 1)
        }
    }

    @Test func aFloodOfDeniedRequestsCannotFillTheAuditTrail() throws {
        try withService { service in
            let connection = try TestConnection(port: service.port)
            for _ in 0..<150 {
                #expect(try connection.request("GET", "/v1/cases", headers: [("Authorization", "Bearer poemsd_bogus")]).status == 401)
            }
            // A durable write is answered after every append queued before it.
            let writer = try Self.key(service, "ehr", .writer)
            #expect(try connection.request("POST", "/v1/cases", json: Self.caseBody, headers: writer).status == 201)
            let denied = try TestSQL.count(service.databasePath, "SELECT count(*) FROM audit_events WHERE action LIKE 'denied:%'")
            #expect(denied >= 50 && denied <= 70, "denials are audited up to about 60 a minute per address, got \(denied)")
        }
    }

    @Test func rateLimitAnswers429WithRetryAfterPerKey() throws {
        try withService(configure: { $0.requestsPerMinutePerKey = 3 }) { service in
            let busy = try Self.key(service, "busy", .reader)
            let calm = try Self.key(service, "calm", .reader)
            for _ in 0..<3 { #expect(try fetch(service.port, "GET", "/v1/criteria", headers: busy).status == 200) }
            let limited = try fetch(service.port, "GET", "/v1/criteria", headers: busy)
            #expect(limited.status == 429)
            #expect(Int(limited.header("Retry-After") ?? "") ?? 0 >= 1)
            #expect(limited.header("Content-Type") == "application/problem+json")
            #expect(try fetch(service.port, "GET", "/v1/criteria", headers: calm).status == 200, "other keys are not limited")
        }
    }

    @Test func configurationBuildsALimiterPerMinuteOrNone() throws {
        var configuration = ServiceConfiguration()
        configuration.requestsPerMinutePerKey = 120
        let limiter = try #require(configuration.makeRateLimiter())
        #expect(limiter.capacity == 120)
        #expect(limiter.refillPerSecond == 2)
        configuration.requestsPerMinutePerKey = 0
        #expect(configuration.makeRateLimiter() == nil)
    }

    @Test func logsOfAFullRunCarryNoPatientData() throws {
        let sink = LogCapture()
        var logger = Logger(label: "poemsd-test") { _ in sink }
        logger.logLevel = .trace
        let service = try TestService(logger: logger)
        let port = service.port
        let created = try fetch(port, "POST", "/v1/cases", json: Self.caseBody, headers: [("Idempotency-Key", "k-1")])
        let location = try #require(created.header("Location"))
        _ = try fetch(port, "GET", location)
        _ = try fetch(port, "GET", "/v1/cases?patientRef=MRN-SECRET-7731")
        _ = try fetch(port, "PUT", location, json: Self.caseBody, headers: [("If-Match", created.header("ETag") ?? "")])
        _ = try fetch(port, "POST", "/v1/evaluations", json: #"{"findings": {"splenomegally": true}}"#)
        _ = try fetch(port, "POST", "/v1/cases", json: #"{"patientRef": "MRN-SECRET-7731", "findings": {"papiledema": true}}"#)
        _ = try fetch(port, "GET", "/v1/audit")
        service.stop()

        let text = sink.lines.joined(separator: "\n")
        #expect(sink.lines.count >= 7, "one line per request at least")
        #expect(text.contains("route=/v1/cases/{id}"))
        for secret in ["MRN-SECRET-7731", "splenomegaly", "splenomegally", "papiledema", "papilledema", "polyneuropathy"] {
            #expect(!text.contains(secret), "the logs contain \(secret)")
        }
    }
}

/// A real log handler that keeps the formatted lines, to read them back.
/// One instance serves every copy of the logger, on every server thread:
/// its metadata is behind the lock too (a request's request id set while
/// another request logged crashed a run).
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    private var storedMetadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var metadata: Logger.Metadata {
        get { lock.withLock { storedMetadata } }
        set { lock.withLock { storedMetadata = newValue } }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { lock.withLock { storedMetadata[key] } }
        set { lock.withLock { storedMetadata[key] = newValue } }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let line = "\(event.level) \(event.message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.lock(); stored.append(line); lock.unlock()
    }

    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
