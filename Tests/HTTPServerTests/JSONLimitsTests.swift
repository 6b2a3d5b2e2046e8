import HTTPServer
import Testing

/// Nesting and string limits, checked by `decodeJSON` before parsing.
@Suite struct JSONLimitsTests {
    struct AnyJSON: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static func decode(_ json: String, _ limits: JSONLimits = JSONLimits(maximumDepth: 3, maximumStringBytes: 8)) -> ProblemDetails? {
        let request = HTTPRequest(method: "POST", path: "/", headers: ["Content-Type": "application/json"], body: Array(json.utf8), jsonLimits: limits)
        do { _ = try request.decodeJSON(AnyJSON.self); return nil } catch { return error }
    }

    @Test func depthAtTheLimitPassesAndBeyondIsRefusedWithPointer() {
        #expect(Self.decode(#"{"a":[{"b":1}]}"#) == nil)
        let problem = Self.decode(#"{"a":[1,{"b":[2]}]}"#)
        #expect(problem?.type == "json-too-deep")
        #expect(problem?.status == 400)
        #expect(problem?.pointer == "/a/1/b")
    }

    @Test func stringsAtTheLimitPassAndLongerAreRefusedWithPointer() {
        #expect(Self.decode(#"{"k":"12345678"}"#) == nil)
        let value = Self.decode(#"{"k":["x","123456789"]}"#)
        #expect(value?.type == "string-too-long")
        #expect(value?.pointer == "/k/1")
        let key = Self.decode(#"{"a":{"123456789":1}}"#)
        #expect(key?.type == "string-too-long")
        #expect(key?.pointer?.hasPrefix("/a/123456789") == true)
    }

    @Test func bracketsAndEscapedQuotesInsideStringsAreNotStructure() {
        #expect(Self.decode(#"{"k":"[[[[[["}"#) == nil)
        #expect(Self.decode(#"{"k":"\"[[[\\"}"#) == nil)
        // The escaped quote does not end the string: it is 9 bytes as sent.
        #expect(Self.decode(#"{"k":"1234567\""}"#)?.type == "string-too-long")
    }

    /// Names are compared one by one in small objects and hashed in large
    /// ones: a repeat is refused either way, escapes decoded, and the same
    /// name in two objects is no repeat.
    @Test(arguments: [3, 31, 32, 33, 100])
    func repeatedMembersAreRefusedWithTheirPointer(members: Int) {
        let limits = JSONLimits()
        let names = (0..<members).map { "\"m\($0)\": 1" }
        #expect(Self.decode("{" + names.joined(separator: ",") + #", "inner": {"m0": 1}}"#, limits) == nil)
        let repeated = Self.decode(#"{"a": {"# + names.joined(separator: ",") + #", "m\u0030": 2}}"#, limits)
        #expect(repeated?.type == "invalid-field", "the transport names the problem; the service adds its namespace")
        #expect(repeated?.pointer == "/a/m0")
        #expect(repeated?.detail?.contains("more than once") == true)
    }

    /// U+0000 is refused where it is, escaped (a raw NUL byte is malformed
    /// JSON); an escaped backslash before "u0000" is text, not an escape.
    @Test func nulInAStringIsRefusedWithItsPointer() {
        let limits = JSONLimits()
        let value = Self.decode(#"{"note": ["ok", "a\u0000b"]}"#, limits)
        #expect(value?.type == "invalid-field")
        #expect(value?.pointer == "/note/1")
        #expect(value?.detail?.contains("NUL") == true)
        #expect(Self.decode(#"{"a": {"k\u0000": 1}}"#, limits)?.pointer?.hasPrefix("/a/k") == true)
        #expect(Self.decode(#"{"note": "a\\u0000b \u0001"}"#, limits) == nil)
    }

    @Test func malformedDocumentsAreLeftToTheParser() {
        #expect(Self.decode(#"]]]}}{"a":"#)?.type == "malformed-json")
        #expect(Self.decode(#"{"a":"abc"#)?.type == "malformed-json")
    }

    @Test func explicitLimitsOverrideTheRequests() {
        let request = HTTPRequest(method: "POST", path: "/", headers: ["Content-Type": "application/json"], body: Array("[[[[1]]]]".utf8))
        #expect(throws: ProblemDetails.self) { try request.decodeJSON(AnyJSON.self, limits: JSONLimits(maximumDepth: 2)) }
        #expect(throws: Never.self) { try request.decodeJSON(AnyJSON.self) }
    }
}
