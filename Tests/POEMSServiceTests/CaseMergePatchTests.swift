import Foundation
import HTTPServer
import Testing

/// `PATCH /v1/cases/{id}` end to end: a JSON merge patch (RFC 7396) of the
/// current revision, validated as a whole `PUT` body, written as a new
/// revision with its audit event and change.
@Suite struct CaseMergePatchTests {
    static let body = #"{"patientRef": "MRN-0042", "note": "first visit", "patient": {"sex": "female", "ageYears": 52}, "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "boneLesionExtent": "solitary", "papilledema": true, "organomegaly": {"splenomegaly": true}}, "labs": {"plateletCount10e9PerL": 520, "hemoglobinGPerDl": 14.2}}"#

    static func patch(_ port: Int, _ location: String, _ patch: String, ifMatch: String?,
                      contentType: String = "application/merge-patch+json") throws -> WireResponse {
        try fetch(port, "PATCH", location, headers: [("Content-Type", contentType)] + (ifMatch.map { [("If-Match", $0)] } ?? []),
                  body: Array(patch.utf8))
    }

    /// A new case: its location and ETag.
    static func create(_ port: Int) throws -> (location: String, etag: String) {
        let created = try fetch(port, "POST", "/v1/cases", json: body)
        #expect(created.status == 201)
        return (try #require(created.header("Location")), try #require(created.header("ETag")))
    }

    /// An object's members as text (`true` reads "1"), to compare whatever
    /// types JSONSerialization gives.
    static func members(_ object: Any?) -> [String: String]? {
        (object as? [String: Any])?.mapValues { "\($0)" }
    }

    static func input(_ response: WireResponse) throws -> [String: Any] {
        try #require(try response.json()["input"] as? [String: Any])
    }

    @Test func aPatchChangesWhatItNamesAndKeepsTheRest() throws {
        try withService { service in
            let (location, etag1) = try Self.create(service.port)
            let id = String(location.dropFirst("/v1/cases/".count))
            let read = try fetch(service.port, "GET", location)
            #expect(read.header("Accept-Patch") == "application/merge-patch+json")

            // One finding changed: the others, the labs, the patient and the note are kept.
            let changed = try Self.patch(service.port, location, #"{"findings": {"monoclonalPlasmaCellDisorder": false, "boneLesionExtent": null}}"#, ifMatch: etag1)
            #expect(changed.status == 200)
            let etag2 = try #require(changed.header("ETag"))
            #expect(etag2 != etag1)
            let json = try changed.json()
            #expect(json["revision"] as? Int == 2)
            #expect(json["note"] as? String == "first visit")
            #expect(json["patientRef"] as? String == "MRN-0042")
            #expect((json["evaluation"] as? [String: Any])?["verdict"] as? String == "does-not-meet")
            let findings = try #require(try Self.input(changed)["findings"] as? [String: Any])
            #expect(findings["monoclonalPlasmaCellDisorder"] as? Bool == false)
            #expect(findings["boneLesionExtent"] == nil, "null removes a member")
            #expect(findings["polyneuropathy"] as? Bool == true && findings["scleroticBoneLesions"] as? Bool == true && findings["papilledema"] as? Bool == true)
            #expect(Self.members(findings["organomegaly"]) == ["splenomegaly": "1"])
            #expect(Self.members(try Self.input(changed)["labs"]) == ["plateletCount10e9PerL": "520", "hemoglobinGPerDl": "14.2"])
            #expect(try fetch(service.port, "GET", location).body == changed.body, "a read returns what the patch returned")

            // Nested objects merge; a removed note is gone; null removes a lab.
            let merged = try Self.patch(service.port, location, #"{"findings": {"organomegaly": {"hepatomegaly": false}, "papilledema": null}, "patient": {"ageYears": 53}, "labs": {"hemoglobinGPerDl": null}, "note": null}"#, ifMatch: etag2)
            #expect(merged.status == 200)
            let input = try Self.input(merged)
            let mergedFindings = try #require(input["findings"] as? [String: Any])
            #expect(Self.members(mergedFindings["organomegaly"]) == ["splenomegaly": "1", "hepatomegaly": "0"])
            #expect(mergedFindings["papilledema"] == nil && mergedFindings["polyneuropathy"] as? Bool == true)
            #expect(Self.members(input["patient"]) == ["sex": "female", "ageYears": "53"])
            #expect(Self.members(input["labs"]) == ["plateletCount10e9PerL": "520"])
            let note = try merged.json()["note"]
            #expect(note == nil || note is NSNull)

            // Each patch is a revision in the history, the change feed and the audit trail.
            let revisions = try #require(try fetch(service.port, "GET", location + "/revisions").json()["revisions"] as? [[String: Any]])
            #expect(revisions.map { $0["revision"] as? Int } == [1, 2, 3])
            #expect(revisions.map { $0["note"] as? String } == ["first visit", "first visit", nil])
            let changes = try #require(try fetch(service.port, "GET", "/v1/changes?after=0").json()["items"] as? [[String: Any]])
            #expect(changes.filter { $0["caseId"] as? String == id }.map { "\($0["kind"] ?? "") \($0["revision"] ?? "")" }
                    == ["created 1", "updated 2", "updated 3"])
            let events = try #require(try fetch(service.port, "GET", "/v1/audit?caseId=\(id)").json()["events"] as? [[String: Any]])
            let updates = events.filter { $0["action"] as? String == "case.update" }
            #expect(updates.count == 2)
            #expect(updates.allSatisfy { $0["method"] as? String == "PATCH" && $0["status"] as? Int == 200 })
        }
    }

    @Test func aPatchNeedsTheCurrentETagAndItsMediaType() throws {
        try withService(configure: { $0.http.cors = CORSPolicy(allowedOrigins: ["https://dash.example.org"]) }) { service in
            let (location, etag1) = try Self.create(service.port)
            let patch = #"{"findings": {"papilledema": false}}"#

            let missing = try Self.patch(service.port, location, patch, ifMatch: nil)
            #expect(missing.status == 428)
            #expect(try missing.json()["type"] as? String == "urn:poemsd:problem:precondition-required")
            #expect(try Self.patch(service.port, location, patch, ifMatch: "\"not-the-etag\"").status == 412)

            for contentType in ["application/json", "application/json-patch+json", "application/fhir+json"] {
                let refused = try Self.patch(service.port, location, patch, ifMatch: etag1, contentType: contentType)
                #expect(refused.status == 415, "\(contentType)")
                #expect(refused.header("Accept-Patch") == "application/merge-patch+json")
                #expect(try refused.json()["type"] as? String == "urn:poemsd:problem:unsupported-media-type")
            }
            let malformed = try Self.patch(service.port, location, #"{"findings": "#, ifMatch: etag1)
            #expect(try malformed.json()["type"] as? String == "urn:poemsd:problem:malformed-json")
            let notAnObject = try Self.patch(service.port, location, #"[{"op": "replace"}]"#, ifMatch: etag1)
            #expect(notAnObject.status == 400)
            #expect(try notAnObject.json()["pointer"] as? String == "")
            #expect(try Self.patch(service.port, "/v1/cases/no-such-case", patch, ifMatch: "*").status == 404)

            // Another writer's PUT makes the first ETag stale.
            let put = try fetch(service.port, "PUT", location, json: Self.body, headers: [("If-Match", etag1)])
            #expect(put.status == 200)
            #expect(try Self.patch(service.port, location, patch, ifMatch: etag1).status == 412)
            let applied = try Self.patch(service.port, location, patch, ifMatch: try #require(put.header("ETag")))
            #expect(applied.status == 200)
            #expect(try applied.json()["revision"] as? Int == 3)

            // Browsers: a preflight for PATCH is allowed, and a page may read Accept-Patch.
            let preflight = try fetch(service.port, "OPTIONS", location, headers: [
                ("Origin", "https://dash.example.org"), ("Access-Control-Request-Method", "PATCH"),
                ("Access-Control-Request-Headers", "authorization, content-type, if-match"), ("Authorization", "")])
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Methods") == "PATCH")
            let read = try fetch(service.port, "GET", location, headers: [("Origin", "https://dash.example.org")])
            #expect(read.header("Access-Control-Expose-Headers")?.contains("Accept-Patch") == true)
        }
    }

    @Test func aRefusedPatchNamesTheMemberInThePatch() throws {
        try withService { service in
            let (location, etag) = try Self.create(service.port)
            func refused(_ patch: String) throws -> [String: Any] {
                let response = try Self.patch(service.port, location, patch, ifMatch: etag)
                #expect(response.status == 400, "\(patch)")
                return try response.json()
            }
            let misspelt = try refused(#"{"findings": {"papiledema": false}}"#)
            #expect(misspelt["pointer"] as? String == "/findings/papiledema")
            #expect((misspelt["detail"] as? String)?.contains(#"Did you mean "papilledema"?"#) == true)
            let unknownTop = try refused(#"{"notes": "x"}"#)
            #expect(unknownTop["pointer"] as? String == "/notes")

            let unit = try refused(#"{"labs": {"hemoglobinGPerDl": 135}}"#)
            #expect(unit["pointer"] as? String == "/labs/hemoglobinGPerDl")
            #expect((unit["detail"] as? String)?.contains("g/L") == true)
            #expect((unit["detail"] as? String)?.contains("patch applied") == false)

            // The patch contradicts a member it leaves as it is: the pointer is the kept member's, and the detail says so.
            let contradiction = try refused(#"{"findings": {"scleroticBoneLesions": false}}"#)
            #expect(contradiction["pointer"] as? String == "/findings/boneLesionExtent")
            #expect((contradiction["detail"] as? String)?.contains("refers to the document with the patch applied, not to the patch: the patch leaves that member as it was") == true)

            #expect(try refused(#"{"findings": null}"#)["pointer"] as? String == "/findings")
            // Valid in itself, a patch of patientRef conflicts with the stored case: 409.
            for patch in [#"{"patientRef": "MRN-9"}"#, #"{"patientRef": null}"#] {
                let conflict = try Self.patch(service.port, location, patch, ifMatch: etag)
                #expect(conflict.status == 409, "\(patch)")
                #expect(try conflict.json()["pointer"] as? String == "/patientRef")
            }
            #expect(try fetch(service.port, "GET", location).json()["revision"] as? Int == 1, "nothing was written")
        }
    }

    @Test func aCaseReadFromAFHIRBundleIsNotPatched() throws {
        try withService { service in
            let created = try FHIRAPITests.post(service.port, "/v1/cases", fhir: FHIRAPITests.fixture("poems-searchset.json"))
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            let refused = try Self.patch(service.port, location, #"{"note": "reviewed"}"#, ifMatch: try #require(created.header("ETag")))
            #expect(refused.status == 409)
            #expect(try refused.json()["type"] as? String == "urn:poemsd:problem:case-from-fhir")

            // Once a JSON revision replaces it, the case takes patches.
            let put = try fetch(service.port, "PUT", location, json: #"{"findings": {"polyneuropathy": true}}"#, headers: [("If-Match", "*")])
            #expect(put.status == 200)
            let patched = try Self.patch(service.port, location, #"{"note": "reviewed"}"#, ifMatch: try #require(put.header("ETag")))
            #expect(patched.status == 200)
            #expect(try patched.json()["note"] as? String == "reviewed")
        }
    }
}
