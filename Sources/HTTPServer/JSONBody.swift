import Foundation

extension HTTPRequest {
    /// Decodes the body as JSON into `T`, or throws the problem to answer:
    /// 415 when the body is not declared `application/json` (or a
    /// `+json` type), 400 `malformed-json` when it does not parse, and 400
    /// `invalid-field` with the JSON pointer of the field at fault when it
    /// parses but does not fit `T` (wrong type, unknown field, bad value).
    ///
    /// Before parsing, the body is checked against `limits` (by default the
    /// request's `jsonLimits`, which the server sets from its configuration):
    /// 400 `json-too-deep` or `string-too-long`, with a pointer.
    public func decodeJSON<T: Decodable>(_ type: T.Type, limits: JSONLimits? = nil) throws(ProblemDetails) -> T {
        try decodeJSON(limits: limits) { bytes in try JSONDecoder().decode(T.self, from: Data(bytes)) }
    }

    /// Reads the body with `reader`, a hand-written reader that throws the
    /// `DecodingError`s a `Decodable` initialiser would (an empty coding path
    /// for a body that is not JSON), with the same checks and problems as
    /// ``decodeJSON(_:limits:)``.
    public func decodeJSON<T>(limits: JSONLimits? = nil, reader: ([UInt8]) throws -> T) throws(ProblemDetails) -> T {
        guard let contentType = headers["Content-Type"], MediaType.isJSON(contentType) else {
            throw .unsupportedMediaType(
                "The request body must be application/json; got \(headers["Content-Type"].map { "'\($0)'" } ?? "no Content-Type").")
        }
        guard !body.isEmpty else { throw .malformedJSON("The request body is empty; a JSON document is expected.") }
        try (limits ?? jsonLimits).check(body)
        do {
            return try reader(body)
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        } catch {
            throw .malformedJSON("The request body could not be read as JSON.")
        }
    }

    static func problem(for error: DecodingError) -> ProblemDetails {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Only the parser reports corruption with no path: the document is not JSON.
            return .malformedJSON("The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return .invalidField(context.debugDescription, pointer: JSONPointer(context.codingPath).description)
        case .keyNotFound(let key, let context):
            let path = context.codingPath + [key]
            return .invalidField("The required field '\(key.stringValue)' is missing.", pointer: JSONPointer(path).description)
        case .typeMismatch(let expected, let context):
            return .invalidField("Expected \(JSONPointer.describe(expected)) here.", pointer: JSONPointer(context.codingPath).description)
        case .valueNotFound(let expected, let context):
            return .invalidField("Expected \(JSONPointer.describe(expected)) here, found null.", pointer: JSONPointer(context.codingPath).description)
        @unknown default:
            return .malformedJSON("The request body could not be decoded.")
        }
    }
}

/// An RFC 6901 JSON pointer built from a decoding path: `/findings/organomegaly`.
public struct JSONPointer: CustomStringConvertible, Sendable {
    public let tokens: [String]

    public init(_ path: [any CodingKey]) {
        tokens = path.map { key in key.intValue.map(String.init) ?? key.stringValue }
    }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type, is Bool?.Type: "a boolean (true or false) or null"
        case is String.Type: "a string"
        case is Int.Type, is Double.Type, is Int?.Type, is Double?.Type: "a number"
        case is [Any].Type: "an array"
        default:
            String(describing: type).contains("Dictionary") ? "an object" : "a value of type \(type)"
        }
    }
}
