import Foundation
import GRDB
import POEMSAPI
import POEMSSQLite
import POEMSStorage
import Testing

/// The `viewer` role (a wall screen, the dashboard's kiosk mode), end to end
/// on either engine: statistics, counts and verdicts, never a case id,
/// patient reference or note, whatever route it calls.
@Suite struct ViewerRoleTests {
    /// Distinctive values: any of them in a viewer's answer is a leak.
    static let mrn = "MRN-KIOSK-4417-QZ"
    static let note = "Seen by Dr Quillfeather on ward 9B"
    static let caseBody = #"{"patientRef": "\#(mrn)", "note": "\#(note)", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}}"#
    /// Carries the critical warning m-protein-possibly-missed.
    static let missedBody = #"{"patientRef": "MRN-KIOSK-5520-XW", "note": "\#(note)", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false}}"#

    /// What a viewer may call; every other route that takes an API key is 403.
    static let allowed: Set<String> = ["GET /v1/stats", "GET /v1/cases", "GET /v1/changes"]

    struct Stored {
        let ids: [String]
        let etag: String
        let writer: [(String, String)]
        let viewer: [(String, String)]
    }

    static func store(_ service: TestService) throws -> Stored {
        let writer = try AccessControlTests.key(service, "ehr", .writer)
        let viewer = try AccessControlTests.key(service, "wall", .viewer)
        var ids: [String] = [], etag = ""
        for body in [caseBody, missedBody] {
            let created = try fetch(service.port, "POST", "/v1/cases", json: body, headers: writer)
            guard created.status == 201, let id = try created.json()["id"] as? String, let tag = created.header("ETag") else {
                throw TestClientError.malformed("a case was not stored: \(created.status) \(created.text)")
            }
            ids.append(id)
            etag = tag
        }
        return Stored(ids: ids, etag: etag, writer: writer, viewer: viewer)
    }

    /// `text` (a body or a header field) holds nothing that names a stored case or patient.
    static func expectNoCase(_ text: String, _ stored: Stored, _ label: String) {
        for secret in [mrn, "MRN-KIOSK-5520-XW", note] + stored.ids {
            #expect(!text.contains(secret), "\(label) carries \(secret)")
        }
    }

    /// One operation of the description called with a viewer key.
    struct Answer: Sendable {
        let route: String
        /// `key` (the document's default security: an API key), `open`, or `jwt` (CDS Hooks).
        let security: String
        let response: WireResponse?
        let failure: String?
    }

    /// Calls every operation of the API description with the viewer's key
    /// (blocking: run off the cooperative pool, which the CDS handlers need).
    static func callEveryOperation(_ service: TestService, _ stored: Stored) throws -> [Answer] {
        let id = stored.ids[0]
        let bodies: [String: String] = [
            "POST /v1/evaluations": #"{"findings": {"polyneuropathy": true}}"#,
            "POST /v1/cases": caseBody,
            "PUT /v1/cases/{id}": caseBody,
            "PATCH /v1/cases/{id}": #"{"note": "changed by a wall screen"}"#,
        ]
        var answers: [Answer] = []
        for (template, item) in try JSONValue.parse(OpenAPIRoutes.document)["paths"]?.object ?? [:] {
            for (method, operation) in item.object ?? [:] where operation["responses"] != nil {
                let method = method.uppercased(), route = "\(method) \(template)"
                let path = template.replacingOccurrences(of: "{treatment}", with: "melphalan-dexamethasone")
                    .replacingOccurrences(of: "{id}", with: template.hasPrefix("/v1/cases") ? id : "imwg-2014")
                // Operations without their own `security` take an API key (the document's default).
                let security = operation["security"].map { $0.array?.isEmpty == false ? "jwt" : "open" } ?? "key"
                var headers = stored.viewer + [("Connection", "close")]
                if ["PUT", "PATCH", "DELETE"].contains(method) { headers.append(("If-Match", stored.etag)) }
                let body = bodies[route] ?? (method == "POST" ? "{}" : nil)
                if body != nil { headers.append(("Content-Type", method == "PATCH" ? "application/merge-patch+json" : "application/json")) }
                do {
                    let response = try TestConnection(port: service.port).request(method, path, headers: headers, body: body.map { Array($0.utf8) })
                    answers.append(Answer(route: route, security: security, response: response, failure: nil))
                } catch {
                    answers.append(Answer(route: route, security: security, response: nil, failure: "\(error)"))
                }
            }
        }
        return answers
    }

    /// Every operation of the API description, called with a viewer key: the
    /// three it may call answer, every other key route is 403, and no answer
    /// (nor any header field) carries a case id, patient reference or note.
    @Test func everyRouteAnswersAViewerWithoutACaseOrPatient() async throws {
        let service = try await onOwnThread { try TestService() }
        let outcome: Result<(Stored, [Answer], WireResponse), any Error>
        do {
            let stored = try await onOwnThread { try Self.store(service) }
            let answers = try await onOwnThread { try Self.callEveryOperation(service, stored) }
            let record = try await onOwnThread { try fetch(service.port, "GET", "/v1/cases/\(stored.ids[0])", headers: stored.writer) }
            outcome = .success((stored, answers, record))
        } catch {
            outcome = .failure(error)
        }
        try await onOwnThread { service.stop() }
        let (stored, answers, record) = try outcome.get()
        #expect(answers.count >= 28, "every operation of the description was called")
        for answer in answers {
            guard let response = answer.response else {
                Issue.record("\(answer.route): \(answer.failure ?? "")")
                continue
            }
            Self.expectNoCase(response.text, stored, answer.route)
            for (name, value) in response.headers { Self.expectNoCase(value, stored, "\(answer.route) \(name)") }
            switch answer.security {
            case "key" where Self.allowed.contains(answer.route):
                #expect(response.status == 200, "\(answer.route): \(response.status)")
            case "key":
                #expect(response.status == 403, "\(answer.route): \(response.status)")
                #expect(try response.json()["type"] as? String == "urn:poemsd:problem:forbidden", "\(answer.route)")
            case "jwt":
                // CDS Hooks: an API key is not the EHR's signed JWT.
                #expect(response.status == 401, "\(answer.route): \(response.status)")
            default:
                break
            }
        }
        // Nothing a viewer sent changed a case.
        #expect(record.status == 200)
        #expect(try record.json()["note"] as? String == Self.note)
    }

    /// The three routes a viewer may call: counts and verdicts of the stored
    /// cases, the listing and the feed without ids, tagged apart from a
    /// reader's; the patient filter refused; every read in the audit trail.
    @Test func aViewerReadsCountsAndVerdictsAndIsAudited() throws {
        try withService { service in
            let stored = try Self.store(service)
            let reader = try AccessControlTests.key(service, "desk", .reader)

            let stats = try fetch(service.port, "GET", "/v1/stats", headers: stored.viewer)
            #expect(stats.status == 200)
            #expect(try stats.json()["cases"] as? Int == 2)

            let listing = try fetch(service.port, "GET", "/v1/cases", headers: stored.viewer)
            #expect(listing.status == 200)
            let items = try #require(try listing.json()["items"] as? [[String: Any]])
            #expect(items.count == 2)
            for item in items {
                for member in ["id", "patientRef", "href", "note"] { #expect(item[member] == nil, "a viewer's item has no \(member)") }
                #expect((item["verdicts"] as? [String: String])?["imwg-2014"] != nil)
            }
            let warnings = try #require(items[1]["warnings"] as? [[String: Any]])
            let missed = try #require(warnings.first { $0["code"] as? String == "m-protein-possibly-missed" })
            #expect(missed["severity"] as? String == "critical")
            #expect(missed["title"] as? String == "M-protein possibly missed", "the warning in words")
            // A reader's listing has the ids; its tag is not the viewer's.
            let full = try fetch(service.port, "GET", "/v1/cases", headers: reader)
            #expect((try full.json()["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == stored.ids)
            let readerTag = try #require(full.header("ETag"))
            #expect(listing.header("ETag") != readerTag)
            #expect(try fetch(service.port, "GET", "/v1/cases", headers: stored.viewer + [("If-None-Match", readerTag)]).status == 200,
                    "a reader's representation is never confirmed to a viewer")
            #expect(try fetch(service.port, "GET", "/v1/cases", headers: stored.viewer + [("If-None-Match", try #require(listing.header("ETag")))]).status == 304)

            // Asking whether a patient is stored is refused, and the answer does not repeat the reference.
            let probe = try fetch(service.port, "GET", "/v1/cases?patientRef=\(Self.mrn)", headers: stored.viewer)
            #expect(probe.status == 403)
            Self.expectNoCase(probe.text, stored, "the patientRef probe")
            #expect(try fetch(service.port, "GET", "/v1/cases?verdict=meets", headers: stored.viewer).status == 200)

            let changes = try fetch(service.port, "GET", "/v1/changes", headers: stored.viewer)
            #expect(changes.status == 200)
            let feed = try #require(try changes.json()["items"] as? [[String: Any]])
            #expect(feed.count == 2 && feed.allSatisfy { $0["seq"] is Int })
            #expect(feed.allSatisfy { $0["caseId"] == nil && $0["href"] == nil && $0["kind"] as? String == "created" })
            let readerFeed = try fetch(service.port, "GET", "/v1/changes", headers: reader)
            #expect((try readerFeed.json()["items"] as? [[String: Any]])?.compactMap { $0["caseId"] as? String } == stored.ids)
            #expect(readerFeed.header("ETag") != changes.header("ETag"))

            // The audit trail records a viewer's reads as any key's.
            var actions: Set<String> = []
            let audited = eventually {
                let page = try? fetch(service.port, "GET", "/v1/audit?key=wall&limit=500").json()
                actions = Set((page?["events"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String })
                return actions.isSuperset(of: ["stats.read", "case.list", "case.changes"])
            }
            #expect(audited, "audited: \(actions)")
        }
    }

    /// `poemsd keys create --role viewer` makes a key of that role, listed as such.
    @Test func theKeysCommandCreatesAViewerKey() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let database = try TestDatabase()
        defer { database.remove() }
        let storage = ["--database", database.location]
        #expect(try runProcess(binary, ["migrate"] + storage).status == 0)
        let created = try runProcess(binary, ["keys", "create", "--name", "wall", "--role", "viewer"] + storage)
        #expect(created.status == 0, "\(created.output)")
        #expect(created.output.contains("(viewer)"))
        let token = try #require(created.output.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("poemsd_") }.map(String.init))
        #expect(try TestService.storage(database.location).keys.authenticate(token: token)?.role == .viewer)
        let listed = try runProcess(binary, ["keys", "list"] + storage)
        #expect(listed.output.contains("wall") && listed.output.contains("viewer"))
    }

    @Test func theViewerIsBelowEveryOtherRole() {
        #expect(Role.viewer.allows(.viewer) && !Role.viewer.allows(.reader))
        #expect(Role.reader.allows(.viewer) && Role.writer.allows(.viewer) && Role.admin.allows(.viewer))
    }
}

/// Migration 0016 (SQLite) rebuilds `api_keys` for the viewer role: the keys
/// made before it authenticate as before, a revoked one stays revoked, and a
/// revocation after it still reaches every cache.
@Suite(.enabled(if: TestEngine.isSQLite, "the SQLite rebuild of api_keys")) struct ViewerRoleMigrationTests {
    @Test func keysMadeBeforeTheViewerRoleKeepWorking() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let all = try Migration.load(from: TestService.migrationsDirectory)
        let before = try #require(all.firstIndex { $0.name.hasPrefix("0016") })
        let old = try DatabaseQueue(path: path)
        try Migrator(migrations: Array(all.prefix(before))).migrate(old)
        let live = "poemsd_before-the-viewer-role-live", revoked = "poemsd_before-the-viewer-role-revoked"
        try old.write { db in
            #expect(throws: (any Error).self) {
                try db.execute(sql: "INSERT INTO api_keys (name, role, token_hash, token_prefix, created_at) VALUES ('v', 'viewer', ?, 'poemsd_x', 'now')",
                               arguments: [String(repeating: "0", count: 64)])
            }
            try db.execute(sql: """
                INSERT INTO api_keys (name, role, token_hash, token_prefix, created_at, revoked_at) VALUES
                  ('old-reader', 'reader', ?, 'poemsd_befor', '2026-01-01T00:00:00.000Z', NULL),
                  ('old-writer', 'writer', ?, 'poemsd_befor', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')
                """, arguments: [APIKeyToken.hash(live), APIKeyToken.hash(revoked)])
        }
        try withService(configure: { $0.databasePath = path }) { service in
            let headers = [("Authorization", "Bearer \(live)")]
            #expect(try fetch(service.port, "GET", "/v1/criteria", headers: headers).status == 200)
            #expect(try fetch(service.port, "GET", "/v1/criteria", headers: [("Authorization", "Bearer \(revoked)")]).status == 401)
            let viewer = try service.service.storage.keys.create(name: "wall", role: .viewer).token
            #expect(try fetch(service.port, "GET", "/v1/stats", headers: [("Authorization", "Bearer \(viewer)")]).status == 200)
            // The rebuilt table's triggers still move the generation: a revocation reaches the cache.
            try service.service.storage.keys.revoke(name: "old-reader")
            #expect(eventually { (try? fetch(service.port, "GET", "/v1/criteria", headers: headers).status) == 401 })
        }
    }
}
