import Foundation
import POEMSCriteria

/// A JSON document as a value, with JSON's own distinctions kept: `true` is
/// never the number 1, and a number is never a string. FHIR resources are
/// read from it element by element (see ``FHIRElement``).
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses a JSON document, copied from `data` first.
    public static func parse(_ data: Data) throws -> JSONValue {
        try parse(Array(data))
    }

    /// Parses a JSON document in `bytes`, without copying them, with the
    /// service's own JSON reader (`CaseInputReader`): one pass builds the
    /// document's structure as byte ranges, then each string and number is
    /// checked and decoded into the value (RFC 8259: UTF-8, the escapes,
    /// paired surrogates, the number grammar, a finite `Double`; a trailing
    /// comma is accepted, as `JSONDecoder` does). A member named twice keeps
    /// its last value (the HTTP layer's JSON limits refuse such bodies).
    ///
    /// Foundation's `JSONSerialization` built a tree of Foundation objects
    /// first: for a 10 MB Bundle that was about 400 MB and 0.6 s of the
    /// parse (docs/benchmarks/fhir.md, "FHIR in real sizes").
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try CaseInputReader.withDocument(bytes) { root, document throws(DecodingError) in try JSONValue(root, in: document) }
    }

    private init(_ json: InputJSON, in document: InputDocument) throws(DecodingError) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let range): self = .number(try document.number(range))
        case .string(let string): self = .string(try document.text(string))
        case .array(let items):
            var values: [JSONValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try JSONValue(item, in: document)) }
            self = .array(values)
        case .object(let members):
            var values: [String: JSONValue] = Dictionary(minimumCapacity: members.count)
            for member in members { values[try document.text(member.name)] = try JSONValue(member.value, in: document) }
            self = .object(values)
        }
    }

    /// The name of the value's JSON type, for messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
