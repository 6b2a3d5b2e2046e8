/// A coding key that accepts any string.
///
/// Strict decoding uses it to list every key of a JSON object, so that keys
/// the contract does not know are rejected instead of silently ignored: a
/// misspelt finding must never become "not assessed".
struct AnyCodingKey: CodingKey, Hashable, Sendable {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws `DecodingError.dataCorrupted` if the JSON object being decoded
    /// holds a key outside `known`.
    ///
    /// The error's `codingPath` is the object's path followed by the unknown
    /// key, so that the HTTP layer can point at it (for example
    /// `/findings/organomegaly/splenomegally`). When several keys are
    /// unknown, the first in alphabetical order is reported, so the error is
    /// deterministic.
    ///
    /// - parameter known: The keys the object may hold.
    /// - parameter objectName: How the object is named in the message.
    /// - throws: `DecodingError.typeMismatch` if the value is not an object.
    public func rejectUnknownKeys(known: [String], objectName: String) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        let knownSet = Set(known)
        let unknown = container.allKeys
            .filter { !knownSet.contains($0.stringValue) }
            .sorted { $0.stringValue < $1.stringValue }
        guard let first = unknown.first else { return }
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: container.codingPath + [first],
            debugDescription: unknownKeyMessage(first.stringValue, known: known, objectName: objectName)))
    }
}

/// The message for an unknown member `key` of an object that may hold
/// `known`, with a "Did you mean" suggestion when one is close.
func unknownKeyMessage(_ key: String, known: [String], objectName: String) -> String {
    var message = "unknown field \"\(key)\" in \(objectName)."
    if let suggestion = closestKey(to: key, among: known) {
        message += " Did you mean \"\(suggestion)\"?"
    }
    return message + " Allowed fields are: " + known.map { "\"\($0)\"" }.joined(separator: ", ") + "."
}

/// The known key closest to `key` by edit distance, if it is close enough to
/// be a plausible misspelling (at most a third of its length, at least 1, at
/// most 3 edits).
func closestKey(to key: String, among known: [String]) -> String? {
    let limit = min(3, max(1, key.count / 3))
    var best: (key: String, distance: Int)?
    for candidate in known {
        let d = editDistance(key.lowercased(), candidate.lowercased())
        if d <= limit, d < (best?.distance ?? .max) {
            best = (candidate, d)
        }
    }
    return best?.key
}

/// Levenshtein distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Decodes a string enum, rejecting unknown values with a message that lists
/// the allowed ones. The error's `codingPath` is the field's path.
func decodeStrictEnum<E: RawRepresentable & CaseIterable>(
    _ type: E.Type,
    from decoder: any Decoder,
    fieldName: String
) throws -> E where E.RawValue == String {
    let container = try decoder.singleValueContainer()
    let raw = try container.decode(String.self)
    if let value = E(rawValue: raw) { return value }
    throw DecodingError.dataCorruptedError(in: container, debugDescription: unknownEnumValueMessage(raw, E.self, fieldName: fieldName))
}

/// The message for a value `raw` that is none of `E`'s, listing the allowed ones.
func unknownEnumValueMessage<E: RawRepresentable & CaseIterable>(_ raw: String, _ type: E.Type, fieldName: String) -> String
    where E.RawValue == String
{
    let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    return "unknown value \"\(raw)\" for \(fieldName). Allowed values are: \(allowed)."
}
