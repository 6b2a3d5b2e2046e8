import Crypto
import Foundation
import Logging
@testable import POEMSAPI
import POEMSCriteria
import POEMSStorage
import Testing

/// A CDS card's link to the work-up page, end to end: the capability in its
/// fragment opens the whole evaluation of the call's data without a key,
/// on this instance and on another holding the key; it is refused once
/// expired, with one byte changed, or under another key; nothing of it
/// reaches the log or the metrics. (The route is async, as the CDS routes
/// are: every request runs on a thread of its own, as in
/// ``CDSHooksAPITests``, and the suite is serialized.)
@Suite(.serialized) struct WorkupCapabilityTests {
    typealias CDS = CDSHooksAPITests
    static let path = WorkupRoutes.capabilityEvaluationsPath
    static let linkPrefix = TestEHR.publicURL + "/workup#"

    /// The capability of the work-up link of the first card of a CDS call on the POEMS fixture.
    static func cardCapability(_ ehr: TestEHR, _ port: Int) async throws -> String {
        let response = try await CDS.call(port, try await ehr.token(), try CDS.request(prefetch: CDS.prefetch("poems-searchset.json")))
        let card = try #require(try CDS.cards(response).first)
        CDS.expectCDSHooksCard(card, criteriaSet: "imwg-2014")
        let url = try #require((card["links"] as? [[String: Any]])?.compactMap { $0["url"] as? String }.first { $0.hasPrefix(linkPrefix) })
        return String(url.dropFirst(linkPrefix.count))
    }

    /// A key both instances hold when they cannot share a database (SQLite).
    static let sharedKey = (0..<32).map { UInt8($0 * 7 % 256) }

    /// The first instance's configuration: on SQLite, the shared key.
    static func shareTheKey(_ configuration: inout ServiceConfiguration) {
        if TestEngine.current != .postgres { configuration.workup.capabilityKey = sharedKey }
    }

    /// Another instance holding `first`'s key: on PostgreSQL on its
    /// database (the database's key), on SQLite with the shared key; then `configure`.
    static func instance(sharingWith first: TestService, _ ehr: TestEHR, _ configure: (inout ServiceConfiguration) -> Void) throws -> TestService {
        let location = first.databasePath
        return try TestService {
            ehr.configure(&$0)
            if TestEngine.current == .postgres { $0.databasePath = location } else { $0.workup.capabilityKey = sharedKey }
            configure(&$0)
        }
    }

    /// POST of `capability`, with no key.
    static func open(_ port: Int, _ capability: String) async throws -> WireResponse {
        try await CDS.send(port, "POST", path, headers: [("Content-Type", "application/json"), ("Authorization", "")],
                           body: Array(#"{"capability": "\#(capability)"}"#.utf8))
    }

    /// `text` with its byte at `index` changed.
    static func changed(_ text: String, at index: Int) throws -> String {
        var bytes = try #require(WorkupCapability.bytes(base64url: text))
        bytes[index] ^= 0x01
        return WorkupCapability.base64url(bytes)
    }

    static func equalJSON(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return NSArray(array: [a]).isEqual(to: [b])
    }

    @Test func aCardsLinkOpensTheWholeEvaluationOfTheCallsDataWithoutAKey() async throws {
        try await CDS().withEHR { ehr, service in
            let capability = try await Self.cardCapability(ehr, service.port)
            let response = try await Self.open(service.port, capability)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.header("Cache-Control") == "no-store")
            #expect(response.header("Access-Control-Allow-Origin") == nil, "same origin only")
            let body = try response.json()
            let evaluation = try #require(body["evaluation"] as? [String: Any])
            let expires = try #require(ISO8601DateFormatter().date(from: body["capabilityExpiresAt"] as? String ?? ""))
            #expect(abs(expires.timeIntervalSinceNow - 900) < 60, "the default lifetime is 15 minutes")

            // The sealed input is the call's, and it is evaluated as POST /v1/evaluations does, evidence included.
            let key = SymmetricKey(data: try service.service.storage.cds.workupCapabilityKey())
            let sealed = try WorkupCapability.open(capability, key: key, now: Int64(Date().timeIntervalSince1970))
            #expect(sealed.content.headline == .imwg2014)
            #expect(sealed.content.notes.map(\.kind) == [.derived], "the Bundle's VEGF of unknown specimen")
            #expect(sealed.content.input.labs?.plateletCount10e9PerL == 520)
            #expect(evaluation["treatmentEvidence"] is [String: Any], "the headline is met: the evidence is shown")

            // The call's data: the same evaluation as the FHIR Bundle the prefetch was made from, annotations included.
            let fhir = try await CDS.send(service.port, "POST", "/v1/evaluations?include=treatmentEvidence",
                                          headers: [("Content-Type", "application/fhir+json")], body: try FHIRAPITests.fixture("poems-searchset.json"))
            let fromBundle = try fhir.json()
            for (member, value) in evaluation {
                #expect(Self.equalJSON(value, fromBundle[member]), "\(member)")
            }
            #expect(evaluation["verdict"] as? String == "meets")
        }
    }

    /// The key is shared: another instance opens the link (on PostgreSQL the
    /// same database's key; on SQLite the same configured key), and refuses
    /// it once its lifetime is over; an instance under another key (a
    /// rotation) refuses it.
    @Test func anotherInstanceWithTheKeyOpensTheLinkUntilItExpires() async throws {
        try await CDS().withEHR(configure: Self.shareTheKey) { ehr, first in
            let capability = try await Self.cardCapability(ehr, first.port)
            let second = try Self.instance(sharingWith: first, ehr) { _ in }
            let later = try Self.instance(sharingWith: first, ehr) { $0.workup.clock = { Date().addingTimeInterval(901) } }
            let rotated = try Self.instance(sharingWith: first, ehr) { $0.workup.capabilityKey = Array(repeating: 9, count: 32) }
            let opened = try await Self.open(second.port, capability)
            let expired = try await Self.open(later.port, capability)
            let refused = try await Self.open(rotated.port, capability)
            try await onOwnThread { second.stop(); later.stop(); rotated.stop() }

            #expect(opened.status == 200, "\(opened.text)")
            #expect((try opened.json()["evaluation"] as? [String: Any])?["verdict"] as? String == "meets")
            #expect(expired.status == 410)
            #expect(expired.header("Content-Type") == "application/problem+json")
            let problem = try expired.json()
            #expect(problem["type"] as? String == "urn:poemsd:problem:capability-expired")
            #expect((problem["detail"] as? String)?.contains("expired at") == true)
            #expect(refused.status == 400)
            #expect((try refused.json()["detail"] as? String)?.contains("rotated") == true)
            for response in [expired, refused] { #expect(!response.text.contains(capability.prefix(24))) }
        }
    }

    @Test func oneByteChangedIsRefused() async throws {
        try await CDS().withEHR { ehr, service in
            let capability = try await Self.cardCapability(ehr, service.port)
            let length = try #require(WorkupCapability.bytes(base64url: capability)).count
            // The version, the key id, the nonce, the ciphertext (the expiry, the input) and the tag.
            for index in [0, 2, 8, 20, length / 2, length - 1] {
                let response = try await Self.open(service.port, try Self.changed(capability, at: index))
                #expect(response.status == 400, "byte \(index)")
                let problem = try response.json()
                #expect(problem["type"] as? String == "urn:poemsd:problem:invalid-capability", "byte \(index)")
                #expect(problem["pointer"] as? String == "/capability")
                #expect(!response.text.contains(capability.prefix(24)))
            }
            let tampered = try await Self.open(service.port, try Self.changed(capability, at: length / 2))
            #expect((try tampered.json()["detail"] as? String)?.contains("changed") == true)
            let cut = try await Self.open(service.port, String(capability.prefix(30)))
            #expect(cut.status == 400)
            // The original still opens: nothing was spent.
            #expect(try await Self.open(service.port, capability).status == 200)
        }
    }

    /// The capability and the input it holds appear in no log line (at
    /// trace level) and in no metric, opened, refused or expired.
    @Test func nothingOfTheInputReachesTheLogOrTheMetrics() async throws {
        let logs = LogCapture()
        var logger = Logger(label: "poemsd-test") { _ in logs }
        logger.logLevel = .trace
        let service = try TestService(logger: logger)
        let key = SymmetricKey(data: try service.service.storage.cds.workupCapabilityKey())
        let input = try CaseInputReader.read(Array(#"{"patient": {"sex": "female", "ageYears": 47.25}, "findings": {"polyneuropathy": true}, "labs": {"plateletCount10e9PerL": 777.125}}"#.utf8))
        let content = WorkupCapability.Content(headline: .suichi2019, input: input, notes: [])
        let now = Int64(Date().timeIntervalSince1970)
        let capability = try WorkupCapability(content: content, expiresAt: now + 600).sealed(key: key)
        let expired = try WorkupCapability(content: content, expiresAt: now - 1).sealed(key: key)
        let opened = try await Self.open(service.port, capability)
        let refused = try await Self.open(service.port, try Self.changed(capability, at: 30))
        let late = try await Self.open(service.port, expired)
        let metrics = try await CDS.send(service.port, "GET", "/metrics")
        try await onOwnThread { service.stop() }

        #expect(opened.status == 200 && refused.status == 400 && late.status == 410)
        let evaluation = try #require(try opened.json()["evaluation"] as? [String: Any])
        #expect(evaluation["criteriaSet"] as? String == "suichi-2019", "the headline travels in the capability")
        #expect(metrics.status == 200)
        let lines = logs.lines
        #expect(lines.contains { $0.contains(Self.path) }, "the requests were logged (by path)")
        for secret in [String(capability.prefix(16)), String(expired.prefix(16)), "777.125", "47.25", "plateletCount"] {
            #expect(!lines.contains { $0.contains(secret) }, "\(secret) in the log")
            #expect(!metrics.text.contains(secret), "\(secret) in the metrics")
        }
    }

    /// `poemsd serve` refuses a key file that is not 64 hexadecimal digits, a
    /// missing one, and a lifetime out of range, before it opens anything.
    @Test func theServeOptionsRefuseABadKeyFileOrLifetime() async throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-workup-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let short = directory.appendingPathComponent("short.key")
        try Data("00112233".utf8).write(to: short)
        let serve = ["serve", "--port", "0", "--database", directory.appendingPathComponent("poems.sqlite").path, "--no-bootstrap-key"]
        for (arguments, message) in [(["--workup-capability-key-file", short.path], "64 hexadecimal digits"),
                                     (["--workup-capability-key-file", directory.appendingPathComponent("none.key").path], "cannot read"),
                                     (["--workup-capability-lifetime", "0"], "1 to 86400 seconds")] {
            let result = try await onOwnThread { try runProcess(binary, serve + arguments) }
            #expect(result.status != 0 && result.output.contains(message), "\(arguments): \(result.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("poems.sqlite").path), "refused before the database")
    }

    @Test func theBodyIsOneStringMemberAndEachClientIsRateLimited() async throws {
        try await CDS().withEHR(configure: { $0.workup.requestsPerMinutePerClient = 3 }) { _, service in
            let unknown = try await CDS.send(service.port, "POST", Self.path, headers: [("Content-Type", "application/json"), ("Authorization", "")],
                                             body: Array(#"{"capability": "abc", "input": {}}"#.utf8))
            #expect(unknown.status == 400)
            #expect(try unknown.json()["pointer"] as? String == "/input")
            let number = try await CDS.send(service.port, "POST", Self.path, headers: [("Content-Type", "application/json"), ("Authorization", "")],
                                            body: Array(#"{"capability": 7}"#.utf8))
            #expect(number.status == 400)
            #expect(number.header("RateLimit-Policy")?.contains(WorkupRoutes.rateLimitPolicy) == true)
            let notBase64 = try await Self.open(service.port, "not base64!")
            #expect(notBase64.status == 400)
            let limited = try await Self.open(service.port, "AAAA")
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") != nil)
            // The page and its assets need no key either, and are not limited.
            #expect(try await CDS.send(service.port, "GET", "/workup", headers: [("Authorization", "")]).status == 200)
        }
    }
}
