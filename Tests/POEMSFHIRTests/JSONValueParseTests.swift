import Foundation
import POEMSFHIR
import Testing

/// `JSONValue.parse`, how Bundles are read (with the service's own JSON
/// reader): the values Foundation's parser gives for valid JSON, and a
/// refusal of anything RFC 8259 does not allow (a trailing comma aside, as
/// `JSONDecoder`).
@Suite struct JSONValueParseTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValue() throws {
        let value = try Self.parse(#" {"a": [1, -2.5e3, 0.25, true, false, null, "x", {}, []], "b": {"c": "d"}} "#)
        #expect(value == .object([
            "a": .array([.number(1), .number(-2500), .number(0.25), .bool(true), .bool(false), .null, .string("x"), .object([:]), .array([])]),
            "b": .object(["c": .string("d")]),
        ]))
        #expect(try Self.parse("\u{FEFF}7") == .number(7), "after a byte order mark")
        #expect(try Self.parse(#""top""#) == .string("top"))
        #expect(try Self.parse(#"{"a": [1, 2,],}"#) == .object(["a": .array([.number(1), .number(2)])]), "a trailing comma, as JSONDecoder")
        #expect(try Self.parse(#"{"a": 1, "a": 2}"#) == .object(["a": .number(2)]), "the last of a member named twice")
    }

    @Test func decodesEscapesAndUTF8() throws {
        #expect(try Self.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try Self.parse(#""\u00e9 é \ud83d\ude00 😀""#) == .string("é é 😀 😀"))
        #expect(try Self.parse(#"{"\u006bey": 1}"#) == .object(["key": .number(1)]))
    }

    @Test(arguments: [
        "", " ", "{", "[,]", "[1,,]", #"{"a" 1}"#, "{a: 1}", "[1 2]", "01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity", "1e999",
        "tru", "nul", #""unterminated"#, "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud83d""#, #""\ude00""#, #""\ud83d\u0041""#,
        "[1] [2]", "// comment\n1",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: (any Error).self, "\(text)") { try Self.parse(text) }
    }

    @Test func refusesInvalidUTF8AndHostileNesting() throws {
        #expect(throws: (any Error).self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: (any Error).self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: (any Error).self, "UTF-16") { try JSONValue.parse([0xFF, 0xFE, 0x31, 0x00]) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self, "refused without exhausting the stack") { try Self.parse(deep) }
        #expect(try Self.parse(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)) != .null)
    }

    @Test func agreesWithFoundationOnTheFixtures() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fhir")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(!files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            // Foundation's tree, re-encoded and decoded as JSONValue, against the parser's.
            let foundation = try JSONDecoder().decode(JSONValue.self, from: JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: data)))
            #expect(try JSONValue.parse(data) == foundation, "\(file)")
        }
    }
}
