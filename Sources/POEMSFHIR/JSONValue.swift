import Foundation

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

    /// Parses a JSON document. Faster than decoding through `Decodable`
    /// (which can only try each type in turn): JSONSerialization parses, and
    /// its booleans (CFBoolean, Objective-C type "c") are told from numbers.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONValue(any: JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    private init(any value: Any) throws {
        // Containers and strings first: testing a Swift container against
        // NSNumber would bridge it to Objective-C, which costs more than parsing.
        switch value {
        case let object as [String: Any]: self = .object(try object.mapValues(JSONValue.init(any:)))
        case let array as [Any]: self = .array(try array.map(JSONValue.init(any:)))
        case let text as String: self = .string(text)
        case is NSNull: self = .null
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON"))
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
