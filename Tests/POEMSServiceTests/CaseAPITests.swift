import Foundation
import POEMSStorage
import Testing

/// Case records end to end over HTTP with a real SQLite file.
@Suite struct CaseAPITests {
    static let body = #"{"patientRef": "MRN-0042", "note": "first visit", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}, "labs": {"plateletCount10e9PerL": 520}}"#

    static func create(_ port: Int, _ body: String = body, headers: [(String, String)] = []) throws -> WireResponse {
        try fetch(port, "POST", "/v1/cases", json: body, headers: headers)
    }

    @Test func createThenReadWithETagAnd304() throws {
        try withService { service in
            let created = try Self.create(service.port)
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            let etag = try #require(created.header("ETag"))
            let json = try created.json()
            let id = try #require(json["id"] as? String)
            #expect(location == "/v1/cases/\(id)")
            #expect(json["revision"] as? Int == 1)
            #expect(json["patientRef"] as? String == "MRN-0042")
            #expect(json["note"] as? String == "first visit")
            #expect(((json["input"] as? [String: Any])?["findings"] as? [String: Any])?["papilledema"] as? Bool == true)
            #expect((json["evaluation"] as? [String: Any])?["verdict"] as? String == "meets")
            #expect(json["engineVersion"] as? String == "3.0.0")
            #expect(json["criteriaSets"] as? [String] == ["dispenzieri-2003", "imwg-2014", "suichi-2019"])

            // A poll before any read: the length is not remembered yet, so the
            // representation is rendered for it once.
            let firstPoll = try fetch(service.port, "GET", location, headers: [("If-None-Match", etag)])
            #expect(firstPoll.status == 304)
            #expect(firstPoll.header("Content-Length") == String(created.body.count))

            let read = try fetch(service.port, "GET", location)
            #expect(read.status == 200)
            #expect(read.header("ETag") == etag)
            #expect(read.body == created.body, "a read returns what the create returned")

            let notModified = try fetch(service.port, "GET", location, headers: [("If-None-Match", etag)])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            // RFC 9110 §8.6: a 304 states no length, or the representation's; never 0.
            #expect(notModified.header("Content-Length") == read.header("Content-Length"))
            #expect(notModified.header("ETag") == etag && notModified.header("Cache-Control") == "private, no-cache")
            #expect(try fetch(service.port, "GET", "/v1/cases/nope").status == 404)
        }
    }

    @Test func idempotencyKeyReplaysAndRefusesReuse() throws {
        try withService { service in
            let key = [("Idempotency-Key", "ehr-order-77")]
            let first = try Self.create(service.port, headers: key)
            let retry = try Self.create(service.port, headers: key)
            #expect(first.status == 201 && retry.status == 201)
            #expect(retry.body == first.body, "the retry replays the original response")
            #expect(retry.header("Location") == first.header("Location"))
            #expect(retry.header("ETag") == first.header("ETag"))
            #expect(retry.header("Idempotent-Replayed") == "true")

            let reused = try Self.create(service.port, #"{"findings": {}}"#, headers: key)
            #expect(reused.status == 422)
            #expect(try reused.json()["type"] as? String == "urn:poemsd:problem:idempotency-key-reused")

            // Without a key, every POST is a new case.
            let a = try Self.create(service.port).json()["id"] as? String
            let b = try Self.create(service.port).json()["id"] as? String
            #expect(a != b)
            let listed = try fetch(service.port, "GET", "/v1/cases").json()["items"] as? [[String: Any]]
            #expect(listed?.count == 3)
        }
    }

    @Test func concurrentRetriesWithOneKeyCreateOneCase() throws {
        try withService { service in
            let port = service.port
            let ids = LockedList()
            DispatchQueue.concurrentPerform(iterations: 16) { _ in
                if let response = try? Self.create(port, headers: [("Idempotency-Key", "same-key")]), response.status == 201,
                   let id = try? response.json()["id"] as? String {
                    ids.append(id)
                }
            }
            #expect(ids.values.count == 16)
            #expect(Set(ids.values).count == 1)
        }
    }

    @Test func updateNeedsIfMatchAndAppendsRevisions() throws {
        try withService { service in
            let created = try Self.create(service.port)
            let location = try #require(created.header("Location"))
            let etag1 = try #require(created.header("ETag"))
            let update = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false}, "note": "M-protein negative"}"#

            let missing = try fetch(service.port, "PUT", location, json: update)
            #expect(missing.status == 428)
            #expect(missing.header("Content-Type") == "application/problem+json")

            let stale = try fetch(service.port, "PUT", location, json: update, headers: [("If-Match", "\"not-the-etag\"")])
            #expect(stale.status == 412)

            let updated = try fetch(service.port, "PUT", location, json: update, headers: [("If-Match", etag1)])
            #expect(updated.status == 200)
            let etag2 = try #require(updated.header("ETag"))
            #expect(etag2 != etag1)
            let json = try updated.json()
            #expect(json["revision"] as? Int == 2)
            #expect((json["evaluation"] as? [String: Any])?["verdict"] as? String == "does-not-meet")
            #expect(json["patientRef"] as? String == "MRN-0042", "the case keeps its patient reference")

            // The first writer's ETag is now stale: a second overwrite is refused.
            #expect(try fetch(service.port, "PUT", location, json: update, headers: [("If-Match", etag1)]).status == 412)
            #expect(try fetch(service.port, "GET", location, headers: [("If-None-Match", etag1)]).status == 200)

            let history = try fetch(service.port, "GET", location + "/revisions").json()
            let revisions = try #require(history["revisions"] as? [[String: Any]])
            #expect(revisions.map { $0["revision"] as? Int } == [1, 2])
            #expect(revisions.map { ($0["evaluation"] as? [String: Any])?["verdict"] as? String } == ["meets", "does-not-meet"])
            #expect(revisions.map { $0["note"] as? String } == ["first visit", "M-protein negative"])

            let changedRef = try fetch(service.port, "PUT", location, json: #"{"patientRef": "MRN-9", "findings": {}}"#, headers: [("If-Match", etag2)])
            #expect(changedRef.status == 409, "valid in itself, it conflicts with the stored case")
            #expect(try changedRef.json()["pointer"] as? String == "/patientRef")
            #expect(try changedRef.json()["type"] as? String == "urn:poemsd:problem:patient-ref-fixed")
        }
    }

    @Test func deleteHidesTheCaseAndKeepsItsRevisions() throws {
        try withService { service in
            let created = try Self.create(service.port)
            let location = try #require(created.header("Location"))
            let id = try #require(try created.json()["id"] as? String)
            #expect(try fetch(service.port, "DELETE", location, headers: [("If-Match", "\"stale\"")]).status == 412)
            #expect(try fetch(service.port, "DELETE", location).status == 204)
            #expect(try fetch(service.port, "GET", location).status == 404)
            #expect(try fetch(service.port, "GET", location + "/revisions").status == 404)
            #expect(try fetch(service.port, "DELETE", location).status == 404)
            #expect(try fetch(service.port, "PUT", location, json: #"{"findings": {}}"#, headers: [("If-Match", "*")]).status == 404)
            let listed = try fetch(service.port, "GET", "/v1/cases").json()["items"] as? [[String: Any]]
            #expect(listed?.isEmpty == true)

            // Kept, marked deleted.
            let kept = try TestSQL.count(service.databasePath,
                                         "SELECT count(*) FROM revisions r JOIN cases c ON c.pk = r.case_pk WHERE c.id = '\(id)' AND r.deleted")
            #expect(kept == 1)
        }
    }

    @Test func rejectedBodiesNameTheField() throws {
        try withService { service in
            let misspelt = try Self.create(service.port, #"{"patientRef": "x", "findings": {"papiledema": true}}"#)
            #expect(misspelt.status == 400)
            #expect(try misspelt.json()["pointer"] as? String == "/findings/papiledema")
            let unknown = try Self.create(service.port, #"{"patientReference": "x", "findings": {}}"#)
            #expect(try unknown.json()["pointer"] as? String == "/patientReference")
            let longRef = try Self.create(service.port, "{\"patientRef\": \"\(String(repeating: "x", count: 300))\", \"findings\": {}}")
            #expect(try longRef.json()["pointer"] as? String == "/patientRef")
            // U+0000, which PostgreSQL's text refuses: 400 at its pointer on both engines, not a 503 to retry for ever.
            let nul = try Self.create(service.port, #"{"patientRef": "x", "note": "first\u0000visit", "findings": {}}"#)
            #expect(nul.status == 400)
            #expect(try nul.json()["pointer"] as? String == "/note")
            let badKey = try Self.create(service.port, headers: [("Idempotency-Key", String(repeating: "k", count: 300))])
            #expect(badKey.status == 400)
            #expect((try fetch(service.port, "GET", "/v1/cases").json()["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func listFiltersAndConditionalPolling() throws {
        try withService { service in
            let meets = #"{"patientRef": "A", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}}"#
            let fails = #"{"patientRef": "B", "findings": {"polyneuropathy": false}}"#
            for body in [meets, fails, meets] { #expect(try Self.create(service.port, body).status == 201) }

            func ids(_ path: String) throws -> [String?] {
                (try fetch(service.port, "GET", path).json()["items"] as? [[String: Any]] ?? []).map { $0["patientRef"] as? String }
            }
            #expect(try ids("/v1/cases?verdict=meets&criteria=imwg-2014") == ["A", "A"])
            #expect(try ids("/v1/cases?verdict=does-not-meet") == ["B"])
            #expect(try ids("/v1/cases?patientRef=B") == ["B"])
            #expect(try ids("/v1/cases?updatedSince=2000-01-01T00:00:00Z").count == 3)
            #expect(try ids("/v1/cases?updatedSince=2999-01-01T00:00:00%2B02:00").isEmpty)

            for bad in ["verdict=maybe", "criteria=who-2099", "limit=0", "limit=201", "cursor=zzz", "updatedSince=yesterday", "sort=id"] {
                let response = try fetch(service.port, "GET", "/v1/cases?\(bad)")
                #expect(response.status == 400, "\(bad)")
                #expect(try response.json()["parameter"] as? String == String(bad.split(separator: "=")[0]))
            }

            let listing = try fetch(service.port, "GET", "/v1/cases?limit=2")
            let etag = try #require(listing.header("ETag"))
            #expect(try fetch(service.port, "GET", "/v1/cases?limit=2", headers: [("If-None-Match", etag)]).status == 304)
            #expect(try Self.create(service.port).status == 201)
            let after = try fetch(service.port, "GET", "/v1/cases?limit=2", headers: [("If-None-Match", etag)])
            #expect(after.status == 200, "a write changes the listing's ETag")
        }
    }

    @Test func cursorPagingIsStableWhileCasesAreCreated() throws {
        try withService { service in
            let port = service.port
            var initial: [String] = []
            for _ in 0..<30 { initial.append(try Self.create(port).json()["id"] as? String ?? "") }

            let writer = DispatchGroup()
            DispatchQueue.global().async(group: writer) {
                for _ in 0..<30 { _ = try? Self.create(port) }
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/v1/cases?limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try fetch(port, "GET", path).json()
                seen += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            writer.wait()

            #expect(Set(seen).count == seen.count, "no case twice")
            #expect(Array(seen.prefix(30)) == initial, "every case that existed is seen, in order")
        }
    }

    /// A cursor is `p` and a position, the form the description's pattern
    /// states; a cursor issued before (base64url of the same text) still reads.
    @Test func cursorsHaveTheDescribedFormAndEarlierOnesStillRead() throws {
        try withService { service in
            for _ in 0..<3 { _ = try Self.create(service.port) }
            let first = try fetch(service.port, "GET", "/v1/cases?limit=2").json()
            let cursor = try #require(first["nextCursor"] as? String)
            #expect(cursor.range(of: "^p(0|[1-9][0-9]{0,17})$", options: .regularExpression) != nil, "\(cursor)")
            let next = try fetch(service.port, "GET", "/v1/cases?limit=2&cursor=\(cursor)").json()["items"] as? [[String: Any]]
            let earlier = Data(cursor.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let same = try fetch(service.port, "GET", "/v1/cases?limit=2&cursor=\(earlier)")
            #expect(same.status == 200)
            #expect((try same.json()["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == next?.compactMap { $0["id"] as? String })
            #expect(next?.count == 1)
            for refused in ["p", "p-1", "p+1", "q1", "cA"] {
                #expect(try fetch(service.port, "GET", "/v1/cases?cursor=\(refused)").status == 400, "\(refused)")
            }
        }
    }

    @Test func manyConcurrentCreatesAreAllStored() throws {
        try withService { service in
            let port = service.port
            let ids = LockedList()
            DispatchQueue.concurrentPerform(iterations: 64) { worker in
                guard let connection = try? TestConnection(port: port) else { return }
                for index in 0..<4 {
                    let body = "{\"patientRef\": \"W\(worker)-\(index)\", \"findings\": {\"polyneuropathy\": true}}"
                    if let response = try? connection.request("POST", "/v1/cases", json: body), response.status == 201,
                       let id = try? response.json()["id"] as? String {
                        ids.append(id)
                    }
                }
            }
            #expect(ids.values.count == 256)
            let stats = try fetch(port, "GET", "/v1/stats").json()
            #expect(stats["cases"] as? Int == 256)
        }
    }

    @Test func statsCountVerdictsAndCriteriaBesideTable2() throws {
        try withService { service in
            let meets = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}}"#
            let fails = #"{"findings": {"polyneuropathy": false}}"#
            for body in [meets, meets, fails] { _ = try Self.create(service.port, body) }
            let response = try fetch(service.port, "GET", "/v1/stats")
            let stats = try response.json()
            #expect(stats["cases"] as? Int == 3)
            let verdicts = stats["verdicts"] as? [String: [String: Int]]
            #expect(verdicts?["imwg-2014"]?["meets"] == 2)
            #expect(verdicts?["imwg-2014"]?["does-not-meet"] == 1)
            let criteria = try #require(stats["criteria"] as? [[String: Any]])
            let papilledema = criteria.first { $0["criteriaSet"] as? String == "dispenzieri-2003" && $0["criterion"] as? String == "papilledema" }
            #expect(papilledema?["met"] as? Int == 2)
            #expect(papilledema?["unknown"] as? Int == 1)
            #expect(papilledema?["assessed"] as? Int == 2)
            #expect(papilledema?["metPercentOfAssessed"] as? Double == 100, "the unassessed case is not in the denominator")
            let table2 = papilledema?["table2"] as? [String: Any]
            #expect((table2?["cell"] as? [String: Any])?["value"] as? Int == 29, "Table 2: papilledema 29% in the Dispenzieri 2003 series")
            let vegf = criteria.first { $0["criterion"] as? String == "vegfElevated" }
            #expect(vegf?["table2"] is NSNull || vegf?["table2"] == nil, "VEGF is not in Table 2")

            let etag = try #require(response.header("ETag"))
            #expect(try fetch(service.port, "GET", "/v1/stats", headers: [("If-None-Match", etag)]).status == 304)
        }
    }
}
