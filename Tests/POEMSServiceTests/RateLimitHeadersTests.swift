import Foundation
import POEMSAPI
import Testing

/// The `RateLimit-Policy` and `RateLimit` response fields
/// (draft-ietf-httpapi-ratelimit-headers-11) end to end: on every answer to
/// a request the per-key limit counts, the 429 included, consistent with
/// one another; on no other.
@Suite struct RateLimitHeadersTests {
    /// The one Item of a `RateLimit` or `RateLimit-Policy` field: its policy
    /// name and integer parameters (`"per-key";r=1;t=30`).
    static func item(_ field: String?) throws -> (policy: String, parameters: [String: Int]) {
        let field = try #require(field, "the field is missing")
        let parts = field.split(separator: ";")
        let name = try #require(parts.first.map(String.init))
        #expect(name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2, "a String Item: \(field)")
        var parameters: [String: Int] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            let value: Int? = pair.count == 2 ? Int(pair[1]) : nil
            let integer: Int = try #require(value, "an Integer parameter: \(field)")
            parameters[pair[0]] = integer
        }
        return (String(name.dropFirst().dropLast()), parameters)
    }

    static let policy = #""per-key";q=2;w=60"#

    @Test func limitedAnswersCountDownToA429AndOthersCarryNoFields() throws {
        // Two requests a minute: the third within 30 s is refused.
        try withService(configure: { $0.requestsPerMinutePerKey = 2 }) { service in
            let busy = try AccessControlTests.key(service, "busy", .reader)
            let connection = try TestConnection(port: service.port)
            var remaining: [Int] = []
            for _ in 0..<2 {
                let response = try connection.request("GET", "/v1/criteria", headers: busy)
                #expect(response.status == 200)
                #expect(response.header("RateLimit-Policy") == Self.policy)
                let (name, limit) = try Self.item(response.header("RateLimit"))
                #expect(name == ServiceConfiguration.rateLimitPolicy)
                #expect((1...60).contains(limit["t"] ?? 0), "the quota is restored within the window")
                remaining.append(try #require(limit["r"]))
            }
            #expect(remaining == [1, 0])

            let limited = try connection.request("GET", "/v1/criteria", headers: busy)
            #expect(limited.status == 429)
            let retryAfter = try #require(Int(limited.header("Retry-After") ?? ""))
            #expect(limited.header("RateLimit-Policy") == Self.policy)
            let (_, exhausted) = try Self.item(limited.header("RateLimit"))
            #expect(exhausted["r"] == 0)
            #expect(exhausted["t"] == retryAfter, "the effective window ends when Retry-After says")

            // Another key has its own budget; a route's problems after the
            // limiter carry it too (a problem+json 404, a FHIR OperationOutcome).
            let calm = try AccessControlTests.key(service, "calm", .reader)
            let missing = try fetch(service.port, "GET", "/v1/criteria/no-such-set", headers: calm)
            #expect(missing.status == 404)
            #expect(try Self.item(missing.header("RateLimit")).parameters["r"] == 1)
            let invalid = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: FHIRAPITests.fixture("quantity-without-value.json"), headers: calm)
            #expect(invalid.status == 400)
            #expect(invalid.header("Content-Type") == "application/fhir+json")
            #expect(try Self.item(invalid.header("RateLimit")).parameters["r"] == 0)
            #expect(invalid.header("RateLimit-Policy") == Self.policy)

            // Not limited: the open routes (even with a key), the CDS Hooks
            // discovery, and requests refused before the limiter (401).
            let fresh = try AccessControlTests.key(service, "fresh", .reader)
            for path in ["/healthz", "/readyz", "/openapi.json", "/metrics", "/cds-services"] {
                let response = try fetch(service.port, "GET", path, headers: fresh)
                #expect(response.status == 200, "\(path)")
                #expect(response.header("RateLimit") == nil && response.header("RateLimit-Policy") == nil, "\(path) is not limited")
            }
            let unauthenticated = try fetch(service.port, "GET", "/v1/criteria", headers: [("Authorization", "Bearer poemsd_unknown")])
            #expect(unauthenticated.status == 401)
            #expect(unauthenticated.header("RateLimit") == nil)
            // The open routes took nothing from the key's budget.
            #expect(try Self.item(fetch(service.port, "GET", "/v1/criteria", headers: fresh).header("RateLimit")).parameters["r"] == 1)
        }
    }

    @Test func noFieldsWhenRateLimitingIsOff() throws {
        try withService { service in
            let response = try fetch(service.port, "GET", "/v1/criteria")
            #expect(response.status == 200)
            #expect(response.header("RateLimit") == nil && response.header("RateLimit-Policy") == nil)
        }
    }
}
