import Foundation
import HTTPServer
import POEMSAPI
import POEMSStorage
import Testing

/// Trusted proxies and CORS, over real sockets.
@Suite struct ProxyAndCORSTests {
    /// Creates a case with `headers` (its audit event is durable before the
    /// 201) and returns the client address the audit trail recorded for it.
    static func auditedAddress(_ service: TestService, _ headers: [(String, String)]) throws -> String? {
        let requestID = UUID().uuidString
        let created = try fetch(service.port, "POST", "/v1/cases", json: #"{"findings": {}}"#, headers: headers + [("X-Request-Id", requestID)])
        try #require(created.status == 201)
        let events = try #require(try fetch(service.port, "GET", "/v1/audit?limit=500").json()["events"] as? [[String: Any]])
        return events.first { $0["requestId"] as? String == requestID }?["clientAddress"] as? String
    }

    @Test func forwardedAddressesAreBelievedOnlyFromTrustedProxies() throws {
        let forwarded = [("X-Forwarded-For", "198.51.100.23, 203.0.113.9")]
        // Not trusted: the peer's address, whatever the header says.
        try withService { (service: TestService) throws in
            #expect(try Self.auditedAddress(service, forwarded) == "127.0.0.1")
        }
        // Loopback is the proxy: the nearest untrusted address is the client.
        try withService(configure: { $0.http.trustedProxies = [IPNetwork("127.0.0.0/8")!] }) { (service: TestService) throws in
            #expect(try Self.auditedAddress(service, forwarded) == "203.0.113.9")
            #expect(try Self.auditedAddress(service, [("Forwarded", #"for=192.0.2.60;proto=https, for="[2001:db8::7]:4711""#)]) == "2001:db8::7")
            // A header that is not a list of addresses is ignored.
            #expect(try Self.auditedAddress(service, [("X-Forwarded-For", "<script>")]) == "127.0.0.1")
        }
        // A chain of trusted proxies is skipped; the first untrusted hop counts.
        try withService(configure: { $0.http.trustedProxies = [IPNetwork("127.0.0.1")!, IPNetwork("10.0.0.0/8")!] }) { (service: TestService) throws in
            #expect(try Self.auditedAddress(service, [("X-Forwarded-For", "198.51.100.23, 10.1.2.3")]) == "198.51.100.23")
        }
    }

    @Test func networksMatchAsCIDR() {
        #expect(IPNetwork("10.0.0.0/8")!.contains("10.200.3.4"))
        #expect(!IPNetwork("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(IPNetwork("192.168.1.128/25")!.contains("192.168.1.200") && !IPNetwork("192.168.1.128/25")!.contains("192.168.1.7"))
        #expect(IPNetwork("127.0.0.1")!.contains("::ffff:127.0.0.1"), "an IPv4-mapped peer of a dual-stack socket")
        #expect(IPNetwork("fd00::/8")!.contains("fd12::1") && !IPNetwork("fd00::/8")!.contains("fe80::1"))
        #expect(IPNetwork("10.0.0.0/33") == nil && IPNetwork("not-an-address") == nil)
    }

    static let preflight = [("Origin", "https://dash.example.org"), ("Access-Control-Request-Method", "POST"),
                            ("Access-Control-Request-Headers", "authorization, content-type"), ("Authorization", "")]

    @Test func allowedOriginsGetCORSAndOthersDoNot() throws {
        try withService(configure: { $0.http.cors = CORSPolicy(allowedOrigins: ["https://dash.example.org"]) }) { (service: TestService) throws in
            // Preflight: answered without a token.
            let answer = try fetch(service.port, "OPTIONS", "/v1/cases", headers: Self.preflight)
            #expect(answer.status == 204)
            #expect(answer.header("Access-Control-Allow-Origin") == "https://dash.example.org")
            #expect(answer.header("Access-Control-Allow-Methods")?.contains("POST") == true)
            #expect(answer.header("Access-Control-Allow-Headers")?.contains("Authorization") == true)
            #expect(answer.header("Vary")?.contains("Origin") == true)
            #expect(answer.header("Access-Control-Allow-Credentials") == nil)

            let other = try fetch(service.port, "OPTIONS", "/v1/cases", headers: [("Origin", "https://evil.example")] + Self.preflight.dropFirst())
            #expect(other.status == 403)
            #expect(other.header("Access-Control-Allow-Origin") == nil)

            // The actual request: the origin may read it, and its ETag.
            let listed = try fetch(service.port, "GET", "/v1/cases", headers: [("Origin", "https://dash.example.org")])
            #expect(listed.status == 200)
            #expect(listed.header("Access-Control-Allow-Origin") == "https://dash.example.org")
            #expect(listed.header("Access-Control-Expose-Headers")?.contains("ETag") == true)
            #expect(listed.header("Access-Control-Allow-Credentials") == nil)
            let foreign = try fetch(service.port, "GET", "/v1/cases", headers: [("Origin", "https://evil.example")])
            #expect(foreign.header("Access-Control-Allow-Origin") == nil)
            #expect(foreign.header("Vary")?.contains("Origin") == true)
            // Without Origin too: a cache must not hand this answer to a page.
            #expect(try fetch(service.port, "GET", "/v1/cases").header("Vary")?.contains("Origin") == true)
        }
    }

    @Test func anyOriginNeverAllowsCredentialsAndNoneIsTheDefault() throws {
        try withService(configure: { $0.http.cors = CORSPolicy(allowedOrigins: ["*"]) }) { (service: TestService) throws in
            let answer = try fetch(service.port, "OPTIONS", "/v1/evaluations", headers: Self.preflight)
            #expect(answer.status == 204)
            #expect(answer.header("Access-Control-Allow-Origin") == "*")
            #expect(answer.header("Access-Control-Allow-Credentials") == nil)
            let listed = try fetch(service.port, "GET", "/v1/criteria", headers: [("Origin", "https://any.example")])
            #expect(listed.header("Access-Control-Allow-Origin") == "*")
            #expect(listed.header("Access-Control-Allow-Credentials") == nil)
        }
        try withService { (service: TestService) throws in
            let answer = try fetch(service.port, "OPTIONS", "/v1/cases", headers: Self.preflight)
            #expect(answer.header("Access-Control-Allow-Origin") == nil)
            #expect(answer.status == 405)
            #expect(try fetch(service.port, "GET", "/v1/cases", headers: [("Origin", "https://dash.example.org")])
                .header("Access-Control-Allow-Origin") == nil)
        }
    }
}
