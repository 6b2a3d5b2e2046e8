import Foundation
import HTTPServer
import Testing

/// JSON merge patch (RFC 7396) on JSON text, and `PATCH` bodies read with it.
@Suite struct JSONMergePatchTests {
    static func apply(_ patch: String, to target: String) throws -> String {
        String(decoding: try JSONMergePatch(Array(patch.utf8)).applied(to: Array(target.utf8)), as: UTF8.self)
    }

    static func parsed(_ json: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? NSObject)
    }

    /// RFC 7396 Appendix A, every example: (target, patch, result).
    static let appendixA: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test func theExamplesOfRFC7396AppendixA() throws {
        for (target, patch, result) in Self.appendixA {
            let applied = try Self.apply(patch, to: target)
            #expect(try Self.parsed(applied) == Self.parsed(result), "\(target) + \(patch) gave \(applied)")
        }
    }

    @Test func valuesAreCopiedAsWrittenAndMembersKeepTheirOrder() throws {
        let applied = try Self.apply(#"{ "b" : 1.50e+1, "c": {"d": "\u00e9\n"}, "\u0061": [ 1,  2 ] }"#, to: #"{"a":true,"b":2,"z":null}"#)
        #expect(applied == #"{"a":[ 1,  2 ],"b":1.50e+1,"z":null,"c":{"d":"\u00e9\n"}}"#)
    }

    @Test func malformedDocumentsAreRefused() {
        for bad in ["", "{", #"{"a"}"#, #"{"a":1,}"#, "[1,]", "01", "1.", "-", "tru", #""\x""#, "\"\u{01}\"", #"{"a":1} 2"#, "{a:1}",
                    String(repeating: "[", count: 600) + String(repeating: "]", count: 600)] {
            #expect(throws: JSONMergePatch.Malformed.self, "\(bad.prefix(20))") { try JSONMergePatch(Array(bad.utf8)) }
        }
        #expect(throws: JSONMergePatch.Malformed.self) { try JSONMergePatch([0x22, 0xFF, 0x22]) }
        #expect((try? JSONMergePatch([0xEF, 0xBB, 0xBF] + Array("{}".utf8)))?.isObject == true, "a UTF-8 byte order mark is ignored")
    }

    @Test func pointersTellThePatchsMembersFromTheTargets() throws {
        let patch = try JSONMergePatch(Array(#"{"findings": {"a": true, "b": null, "group": {"c": 1}, "list": [{"x": 1}]}, "a/b": {"~": 2}}"#.utf8))
        for pointer in ["", "/findings", "/findings/a", "/findings/b", "/findings/group/c", "/findings/list/0/x", "/a~1b/~0"] {
            #expect(patch.provides(pointer: pointer), "\(pointer)")
        }
        for pointer in ["/labs", "/findings/kept", "/findings/group/d", "/a~1b/other"] {
            #expect(!patch.provides(pointer: pointer), "\(pointer)")
        }
    }

    static func request(_ body: String, contentType: String? = "application/merge-patch+json") -> HTTPRequest {
        HTTPRequest(method: "PATCH", path: "/", headers: contentType.map { ["Content-Type": $0] } ?? [:], body: Array(body.utf8),
                    jsonLimits: JSONLimits(maximumDepth: 4, maximumStringBytes: 16))
    }

    static func problem(_ read: () throws -> Void) -> ProblemDetails? {
        do { try read(); return nil } catch { return error as? ProblemDetails }
    }

    @Test func patchBodiesOfAnotherTypeOrNotAnObjectAreRefused() throws {
        for contentType in ["application/json", "application/json-patch+json", nil] {
            let refused = Self.problem { _ = try Self.request("{}", contentType: contentType).mergePatch() }
            #expect(refused?.status == 415)
            #expect(refused?.headers["Accept-Patch"] == "application/merge-patch+json")
        }
        #expect(Self.problem { _ = try Self.request("{}", contentType: "Application/Merge-Patch+JSON; charset=utf-8").mergePatch() } == nil)
        #expect(Self.problem { _ = try Self.request("[]").mergePatch() }?.pointer == "")
        #expect(Self.problem { _ = try Self.request("{").mergePatch() }?.type == "malformed-json")
        #expect(Self.problem { _ = try Self.request("").mergePatch() }?.type == "malformed-json")
        #expect(Self.problem { _ = try Self.request(#"{"a":[[[[1]]]]}"#).mergePatch() }?.type == "json-too-deep")
    }

    struct Pair: Decodable {
        var first: Int
        var second: Int
    }

    @Test func aReadersErrorPointsIntoThePatchOrSaysItIsTheTargets() throws {
        let target = Array(#"{"first": 1, "second": "two"}"#.utf8)
        let reader = { (bytes: [UInt8]) throws -> Pair in try JSONDecoder().decode(Pair.self, from: Data(bytes)) }
        func problem(_ patch: String) throws -> ProblemDetails? {
            let patch = try Self.request(patch).mergePatch()
            return Self.problem { _ = try patch.read(applyingTo: target, reader: reader) }
        }
        let mistyped = try problem(#"{"first": "one", "second": 2}"#)
        #expect(mistyped?.pointer == "/first")
        #expect(mistyped?.detail?.contains("patch applied") == false, "the patch's own member")
        let removed = try problem(#"{"second": null}"#)
        #expect(removed?.pointer == "/second")
        #expect(removed?.detail?.contains("patch applied") == false, "the patch removed it")
        let kept = try problem(#"{"first": 3}"#)
        #expect(kept?.pointer == "/second")
        #expect(kept?.detail?.contains("The pointer /second refers to the document with the patch applied, not to the patch") == true, "the target's member")
        let patch = try Self.request(#"{"second": 4}"#).mergePatch()
        #expect(try patch.read(applyingTo: target, reader: reader).second == 4)
    }
}
