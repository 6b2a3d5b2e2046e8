import Foundation
import Testing

/// The in-process mode beside the live one (issue 23): the same service
/// answers a request driven through its router without a socket as it
/// answers on loopback, on either engine, and state written one way is read
/// the other.
@Suite struct InProcessModeTests {
    static let workup = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}, "labs": {"plateletCount10e9PerL": 520}}"#

    /// A problem's members, without the request id that differs by request.
    static func problem(_ response: WireResponse) throws -> NSDictionary {
        var object = try response.json()
        object["requestId"] = nil
        return NSDictionary(dictionary: object)
    }

    @Test func evaluationsAndRefusalsAreTheSameInProcessAndLive() async throws {
        let service = try TestService()
        defer { service.stop() }
        let token = try #require(service.adminToken)
        let live = try fetch(service.port, "POST", "/v1/evaluations", json: Self.workup)
        let local = await service.respond("POST", "/v1/evaluations", json: Self.workup, token: token)
        #expect(local.status == 200 && live.status == 200)
        #expect(local.body == live.body, "the same evaluation, byte for byte")
        #expect(local.header("Content-Type") == live.header("Content-Type"))

        // A misspelt finding, an unknown query parameter, no key: the same problems.
        let misspelt = #"{"findings": {"papilloedema": true}}"#
        for (path, body, key) in [("/v1/evaluations", misspelt, Optional(token)), ("/v1/evaluations?verbose=1", Self.workup, token),
                                  ("/v1/evaluations", Self.workup, nil)] {
            let local = await service.respond("POST", path, json: body, token: key)
            let live = try fetch(service.port, "POST", path, json: body, headers: key == nil ? [("Authorization", "Bearer none")] : [])
            #expect(local.status == live.status && local.status >= 400, "\(path): \(local.status) and \(live.status)")
            if key != nil { #expect(try Self.problem(local) == Self.problem(live), "\(path)") }
        }
    }

    @Test func aCaseWrittenInProcessIsReadLiveAndConversely() async throws {
        let service = try TestService()
        defer { service.stop() }
        let token = try #require(service.adminToken)
        let created = await service.respond("POST", "/v1/cases", json: CaseAPITests.body, token: token)
        #expect(created.status == 201)
        let location = try #require(created.header("Location"))
        let read = try fetch(service.port, "GET", location)
        #expect(read.status == 200 && read.body == created.body, "the 201's document is the case as read")
        let etag = try #require(read.header("ETag"))
        #expect(await service.respond("GET", location, token: token, headers: [("If-None-Match", etag)]).status == 304)

        let updated = try fetch(service.port, "PUT", location, json: #"{"findings": {"polyneuropathy": true}}"#, headers: [("If-Match", etag)])
        #expect(updated.status == 200)
        let local = await service.respond("GET", location, token: token)
        #expect(local.body == updated.body && local.header("ETag") == updated.header("ETag"))
        #expect(await service.respond("GET", location, token: nil).status == 401, "no key, no case: credentials are explicit")
    }
}
