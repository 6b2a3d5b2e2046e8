/// One JSON object of a request, read strictly by its coding keys: the
/// hand-written counterpart of a `Decodable` initialiser's keyed container
/// after `rejectUnknownKeys`, throwing the same `DecodingError`s (same case,
/// same expected type, same coding path, same message) so that the HTTP
/// layer answers the same problem whichever reads the body.
struct InputObject<Keys: CodingKey & CaseIterable & Equatable & Sendable> where Keys.AllCases == [Keys] {
    /// The value of each key, by its position in `Keys.allCases`; `nil` when absent.
    private var values: [InputJSON?]
    /// The path of the object itself.
    let path: [any CodingKey]
    let document: InputDocument
    private let names: InputKeyNames<Keys>

    /// The object `value` at `path`, its members matched to `Keys`.
    ///
    /// - throws: `typeMismatch` if `value` is not an object (`valueNotFound`
    ///   if it is `null`); `dataCorrupted` at the first unknown member in
    ///   alphabetical order, with the message of `rejectUnknownKeys`;
    ///   malformed JSON if a member's name is not a valid string (every name
    ///   is decoded first, as a keyed container does).
    init(_ value: InputJSON, at path: [any CodingKey], in document: InputDocument, names: InputKeyNames<Keys>, objectName: String) throws(DecodingError) {
        guard case .object(let members) = value else {
            throw Self.notAnObject(value, at: path)
        }
        var values = [InputJSON?](repeating: nil, count: names.count)
        var unknown: [String] = []
        for member in members {
            if let index = try names.index(of: member.name, in: document) {
                // A repeated member: the first one counts, as for JSONDecoder
                // (the HTTP layer's JSON limits refuse repeats first).
                if values[index] == nil { values[index] = member.value }
            } else {
                unknown.append(try document.text(member.name))
            }
        }
        if let first = unknown.min() {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path + [AnyCodingKey(first)],
                debugDescription: unknownKeyMessage(first, known: names.strings, objectName: objectName)))
        }
        self.values = values
        self.path = path
        self.document = document
        self.names = names
    }

    /// The error `container(keyedBy:)` throws for a value that is not an object.
    static func notAnObject(_ value: InputJSON, at path: [any CodingKey]) -> DecodingError {
        if case .null = value {
            return .valueNotFound([String: Any].self, DecodingError.Context(
                codingPath: path, debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        }
        return .typeMismatch([String: Any].self, DecodingError.Context(
            codingPath: path, debugDescription: "Expected to decode Dictionary<String, Any> but found \(value.typeDescription) instead."))
    }

    /// The value of `key`, or `nil` when absent.
    func value(_ key: Keys) -> InputJSON? {
        values[names.keys.firstIndex(of: key)!]
    }

    /// The path of the member `key`.
    func path(_ key: Keys) -> [any CodingKey] {
        path + [key]
    }

    /// `decodeIfPresent(Bool.self, forKey:)`.
    func bool(_ key: Keys) throws(DecodingError) -> Bool? {
        switch value(key) {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw mismatch(Bool.self, other, key)
        }
    }

    /// `decodeIfPresent(Double.self, forKey:)`.
    func double(_ key: Keys) throws(DecodingError) -> Double? {
        switch value(key) {
        case nil, .null?: return nil
        case .number(let range)?:
            return try document.number(range)
        case let other?: throw mismatch(Double.self, other, key)
        }
    }

    /// `decodeIfPresent(String.self, forKey:)`.
    func string(_ key: Keys) throws(DecodingError) -> String? {
        switch value(key) {
        case nil, .null?: return nil
        case .string(let text)?: return try document.text(text)
        case let other?: throw mismatch(String.self, other, key)
        }
    }

    /// `decodeIfPresent([T].self, forKey:)`: the elements, unread.
    func array(_ key: Keys) throws(DecodingError) -> [InputJSON]? {
        switch value(key) {
        case nil, .null?: return nil
        case .array(let elements)?: return elements
        case let other?: throw mismatch([Any].self, other, key)
        }
    }

    /// A required string enum, as `decode(_:forKey:)` reads a type whose
    /// decoder calls `decodeStrictEnum`: absent is `keyNotFound`, `null`
    /// `valueNotFound`.
    func requiredStrictEnum<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ key: Keys, fieldName: String) throws(DecodingError) -> E
        where E.RawValue == String
    {
        switch value(key) {
        case nil:
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: path, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        case .null?:
            throw DecodingError.valueNotFound(String.self, DecodingError.Context(
                codingPath: path(key), debugDescription: "Cannot get value of type String -- found null value instead"))
        default:
            return try strictEnum(type, key, fieldName: fieldName)!
        }
    }

    /// A string enum, as `decodeStrictEnum` reads it.
    func strictEnum<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ key: Keys, fieldName: String) throws(DecodingError) -> E?
        where E.RawValue == String
    {
        guard let raw = try string(key) else { return nil }
        if let value = E(rawValue: raw) { return value }
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: path(key), debugDescription: unknownEnumValueMessage(raw, E.self, fieldName: fieldName)))
    }

    /// `DecodingError.dataCorruptedError(forKey:in:debugDescription:)`.
    func corrupted(_ key: Keys, _ message: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: path(key), debugDescription: message))
    }

    private func mismatch(_ type: Any.Type, _ value: InputJSON, _ key: Keys) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(
            codingPath: path(key), debugDescription: "Expected to decode \(type) but found \(value.typeDescription) instead."))
    }
}

/// The names of a coding-key type, as strings and as UTF-8: built once per
/// type (a static of the type that reads it).
struct InputKeyNames<Keys: CodingKey & CaseIterable & Sendable>: Sendable where Keys.AllCases == [Keys] {
    /// `Keys.allCases`, kept (the synthesized property builds a new array on each call).
    let keys: [Keys]
    let strings: [String]
    private let utf8: [[UInt8]]
    var count: Int { strings.count }

    init() {
        keys = Keys.allCases
        strings = keys.map(\.stringValue)
        utf8 = strings.map { Array($0.utf8) }
    }

    /// The position of `name` among the keys, or `nil` for an unknown member.
    /// Plain ASCII names are compared as bytes; others decoded and compared
    /// as Swift strings, as a `Decoder` compares keys.
    ///
    /// - throws: malformed JSON for a name that is not a valid string.
    func index(of name: InputJSONString, in document: InputDocument) throws(DecodingError) -> Int? {
        if name.needsDecoding {
            let text = try document.text(name)
            return strings.firstIndex(of: text)
        }
        return document.withBytes(name.range) { bytes in
            utf8.firstIndex { $0.elementsEqual(bytes) }
        }
    }
}

extension InputJSON {
    /// How `JSONDecoder` names a value's type in its messages.
    var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }
}
