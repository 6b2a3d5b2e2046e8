import Foundation
import Testing

/// CDS Hooks tokens at the edges: time claims at the ends of the integers,
/// a critical header extension, members named twice, and the scheme name's
/// case. Each refusal is the same bare 401 as any other bad token.
extension CDSHooksAPITests {
    /// A refusal as every bad token gets it.
    static func expectBare401(_ response: WireResponse, _ name: String) throws {
        #expect(response.status == 401, "\(name)")
        #expect(try outcomeIssue(response)["diagnostics"] as? String == "The request is not authorized.", "\(name)")
        #expect(response.header("WWW-Authenticate") == "Bearer", "\(name)")
    }

    static func deniedActions(_ port: Int) async throws -> [String] {
        let audit = try await send(port, "GET", "/v1/audit?limit=100").json()
        return ((audit["events"] as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String }
    }

    @Test func timeClaimsFarFromNowAreRefusedWithoutHarmingTheServer() async throws {
        try await withEHR { ehr, service in
            let body = try Self.request(prefetch: Self.prefetch("poems-searchset.json"))
            let now = Int(Date().timeIntervalSince1970), day = 24 * 3600
            var maximalExp = TestEHR.Claims(); maximalExp.exp = Int.max
            var minimalIat = TestEHR.Claims(); minimalIat.iat = Int.min
            var minimalNbf = TestEHR.Claims(); minimalNbf.nbf = Int.min
            var maximalNbf = TestEHR.Claims(); maximalNbf.nbf = Int.max
            var bothExtremes = TestEHR.Claims(); bothExtremes.iat = Int.min; bothExtremes.exp = Int.max
            var twoDaysOld = TestEHR.Claims(); twoDaysOld.iat = now - 2 * day; twoDaysOld.exp = now - 2 * day + 300
            var twoDaysAhead = TestEHR.Claims(); twoDaysAhead.iat = now + 2 * day; twoDaysAhead.exp = now + 2 * day + 300
            let cases: [(String, TestEHR.Claims)] = [
                ("exp = 2^63-1", maximalExp), ("iat = -2^63", minimalIat), ("nbf = -2^63", minimalNbf), ("nbf = 2^63-1", maximalNbf),
                ("iat = -2^63 and exp = 2^63-1", bothExtremes), ("issued two days ago", twoDaysOld), ("issued in two days", twoDaysAhead),
            ]
            for (name, claims) in cases {
                try Self.expectBare401(try await Self.call(service.port, try await ehr.token(claims), body), name)
            }
            // The server is still up and still accepts a valid token.
            #expect(try await Self.call(service.port, try await ehr.token(), body).status == 200)
            #expect(try await Self.deniedActions(service.port).contains("cds.denied:time-out-of-range"))
        }
    }

    @Test func aCriticalExtensionOrAMemberNamedTwiceIsRefused() async throws {
        try await withEHR { ehr, service in
            let body = try Self.request(prefetch: Self.prefetch("poems-searchset.json"))
            try Self.expectBare401(try await Self.call(service.port, try await ehr.token(crit: ["urn:example:unknown"]), body), "crit")

            let now = Int(Date().timeIntervalSince1970)
            let header = #"{"alg":"ES384","kid":"ec-1","typ":"JWT"}"#
            func payload(_ jti: String, extra: String = "") -> String {
                #"{"iss":"\#(TestEHR.issuer)","aud":"\#(TestEHR.publicURL)\#(Self.service)","exp":\#(now + 300),"iat":\#(now),"jti":"\#(jti)","sub":"client-1"\#(extra)}"#
            }
            func signed(_ header: String, _ payload: String) throws -> String {
                try TestEHR.handMade(headerJSON: Array(header.utf8), payloadJSON: Array(payload.utf8), sign: ehr.es384Signature)
            }
            // The hand-made token is sound: accepted as it is.
            #expect(try await Self.call(service.port, try signed(header, payload(UUID().uuidString)), body).status == 200)
            let duplicates = [
                ("a claim twice", try signed(header, payload(UUID().uuidString, extra: #","sub":"client-2""#))),
                ("a claim twice, once escaped", try signed(header, payload(UUID().uuidString, extra: #","\u0073ub":"client-2""#))),
                ("the issuer twice", try signed(header, payload(UUID().uuidString, extra: #","iss":"https://other-ehr.test""#))),
                ("a header member twice", try signed(#"{"alg":"ES384","kid":"ec-1","typ":"JWT","kid":"rsa-1"}"#, payload(UUID().uuidString))),
            ]
            for (name, token) in duplicates {
                try Self.expectBare401(try await Self.call(service.port, token, body), name)
            }
            let actions = try await Self.deniedActions(service.port)
            #expect(actions.contains("cds.denied:crit"))
            #expect(actions.filter { $0 == "cds.denied:malformed" }.count == duplicates.count)
        }
    }

    /// RFC 9110 §11.1: the scheme name is case-insensitive, on the CDS
    /// routes as on `/v1`.
    @Test func theBearerSchemeIsCaseInsensitiveEverywhere() async throws {
        try await withEHR { ehr, service in
            let body = try Self.request(prefetch: Self.prefetch("poems-searchset.json"))
            for scheme in ["bearer", "BEARER", "bEaReR"] {
                let cds = try await Self.send(service.port, "POST", Self.service,
                                              headers: [("Content-Type", "application/json"), ("Authorization", "\(scheme) \(try await ehr.token())")], body: body)
                #expect(cds.status == 200, "\(scheme) on CDS Hooks")
                let admin = try #require(service.adminToken)
                #expect(try await Self.send(service.port, "GET", "/v1/cases", headers: [("Authorization", "\(scheme) \(admin)")]).status == 200,
                        "\(scheme) on /v1")
            }
            // Not another scheme, nor the scheme alone.
            for field in ["Basic \(try await ehr.token())", "Bearer", "Bearer ", "Bearertoken"] {
                let response = try await Self.send(service.port, "POST", Self.service,
                                                   headers: [("Content-Type", "application/json"), ("Authorization", field)], body: body)
                try Self.expectBare401(response, field)
            }
        }
    }
}
