import Foundation

/// An RFC 7396 JSON merge patch: a JSON document that mimics the one it
/// changes. A member with a value that is not an object replaces the
/// target's member, `null` removes it, and an object merges into the
/// target's member recursively (into `{}` when the target's member is not an
/// object); arrays and scalars replace whole. Anything but an object patch
/// replaces the whole target.
///
/// The patch works on JSON text: its values and the target's are copied
/// into the result byte for byte as they were written (numbers keep their
/// digits, strings their escapes), so whatever reads the result reads what
/// the client sent, never a re-encoding of it.
///
/// ```swift
/// let patch = try JSONMergePatch(Array(#"{"a": {"b": null, "c": [1]}}"#.utf8))
/// try patch.applied(to: Array(#"{"a": {"b": 1}, "d": true}"#.utf8))   // {"a":{"c":[1]},"d":true}
/// ```
public struct JSONMergePatch: Sendable {
    /// The media type of a merge patch (RFC 7396 §4), for `Content-Type`
    /// and `Accept-Patch`.
    public static let mediaType = "application/merge-patch+json"
    /// Most nested arrays and objects read (the HTTP layer's ``JSONLimits``
    /// refuse far less, with a pointer, before a body gets here).
    public static let maximumDepth = 512

    /// Why a document could not be read: it is not one JSON value (RFC 8259
    /// grammar, UTF-8), or it nests deeper than ``maximumDepth``.
    public struct Malformed: Error, Sendable {}

    let root: Node

    /// Reads the patch in `bytes` (a UTF-8 byte order mark is ignored).
    public init(_ bytes: [UInt8]) throws(Malformed) {
        root = try Scanner.document(bytes)
    }

    /// Whether the patch is an object (any other patch replaces the target).
    public var isObject: Bool {
        if case .object = root { return true }
        return false
    }

    /// The JSON document `target` with the patch applied (RFC 7396 §2,
    /// `MergePatch(Target, Patch)`). Members keep the target's order; new
    /// ones follow in the patch's.
    public func applied(to target: [UInt8]) throws(Malformed) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(target.count + 64)
        Self.merge(root, into: try Scanner.document(target)).write(to: &result)
        return result
    }

    /// Whether the value at `pointer` (RFC 6901) of a patched document is
    /// the patch's: the patch names that member, or one of its containers
    /// with a value that is not an object (which replaced whatever was
    /// there). When it is not, the value came from the target unchanged.
    public func provides(pointer: String) -> Bool {
        var node = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            guard case .object(let members) = node else { return true }
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let member = members.last(where: { $0.name == name }) else { return false }
            node = member.value
        }
        return true
    }

    /// `MergePatch(Target, Patch)` of RFC 7396 §2, members found by name
    /// through an index (a patch of many members costs linear time).
    static func merge(_ patch: Node, into target: Node?) -> Node {
        guard case .object(let changes) = patch else { return patch }
        var members: [Member?] = []
        if case .object(let existing)? = target { members = existing }
        var positions: [String: Int] = [:]
        for (position, member) in members.enumerated() { positions[member!.name] = position }
        for change in changes {
            let position = positions[change.name]
            if change.value.isNull {
                if let position {
                    members[position] = nil
                    positions[change.name] = nil
                }
                continue
            }
            let merged = merge(change.value, into: position.flatMap { members[$0]?.value })
            if let position {
                members[position]?.value = merged
            } else {
                positions[change.name] = members.count
                members.append(Member(name: change.name, key: change.key, value: merged))
            }
        }
        return .object(members.compactMap { $0 })
    }

    /// A JSON value as far as a merge looks into it: an object's members, in
    /// order; any other value, its text as written.
    indirect enum Node: Sendable {
        case object([Member])
        case text(ArraySlice<UInt8>)

        var isNull: Bool {
            if case .text(let text) = self { return text.elementsEqual("null".utf8) }
            return false
        }

        func write(to output: inout [UInt8]) {
            switch self {
            case .text(let text):
                output.append(contentsOf: text)
            case .object(let members):
                output.append(UInt8(ascii: "{"))
                for (index, member) in members.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(contentsOf: member.key)
                    output.append(UInt8(ascii: ":"))
                    member.value.write(to: &output)
                }
                output.append(UInt8(ascii: "}"))
            }
        }
    }

    /// One member of an object: its name decoded (to match members), its
    /// key as written, quotes included (to write it back), its value.
    struct Member: Sendable {
        let name: String
        let key: ArraySlice<UInt8>
        var value: Node
    }

    /// A validating reader of RFC 8259 JSON into ``Node``s.
    private struct Scanner {
        let bytes: [UInt8]
        var position: Int

        static func document(_ bytes: [UInt8]) throws(Malformed) -> Node {
            var scanner = Scanner(bytes: bytes, position: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
            scanner.skipWhitespace()
            let root = try scanner.value(depth: 0)
            scanner.skipWhitespace()
            guard scanner.position == bytes.count else { throw Malformed() }
            return root
        }

        private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        private mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        private mutating func expect(_ byte: UInt8) throws(Malformed) {
            guard current == byte else { throw Malformed() }
            position += 1
        }

        private mutating func value(depth: Int) throws(Malformed) -> Node {
            if current == UInt8(ascii: "{") { return try object(depth: depth + 1) }
            let start = position
            try skipValue(depth: depth)
            return .text(bytes[start..<position])
        }

        private mutating func object(depth: Int) throws(Malformed) -> Node {
            guard depth <= JSONMergePatch.maximumDepth else { throw Malformed() }
            position += 1
            skipWhitespace()
            var members: [Member] = []
            if current == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                let start = position
                let needsDecoding = try skipString()
                let key = bytes[start..<position]
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                members.append(Member(name: try Self.name(key, needsDecoding: needsDecoding), key: key, value: try value(depth: depth)))
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return .object(members)
            }
        }

        private mutating func skipValue(depth: Int) throws(Malformed) {
            guard let byte = current else { throw Malformed() }
            switch byte {
            case UInt8(ascii: "\""):
                _ = try skipString()
            case UInt8(ascii: "["):
                guard depth + 1 <= JSONMergePatch.maximumDepth else { throw Malformed() }
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") {
                    position += 1
                    return
                }
                while true {
                    skipWhitespace()
                    _ = try value(depth: depth + 1)
                    skipWhitespace()
                    if current == UInt8(ascii: ",") {
                        position += 1
                        continue
                    }
                    try expect(UInt8(ascii: "]"))
                    return
                }
            case UInt8(ascii: "t"): try skipLiteral("true")
            case UInt8(ascii: "f"): try skipLiteral("false")
            case UInt8(ascii: "n"): try skipLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
            default: throw Malformed()
            }
        }

        private mutating func skipLiteral(_ literal: StaticString) throws(Malformed) {
            let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            guard bytes[position...].starts(with: text) else { throw Malformed() }
            position += text.count
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func skipNumber() throws(Malformed) {
            if current == UInt8(ascii: "-") { position += 1 }
            if current == UInt8(ascii: "0") {
                position += 1
            } else {
                try skipDigits()
            }
            if current == UInt8(ascii: ".") {
                position += 1
                try skipDigits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                try skipDigits()
            }
        }

        private mutating func skipDigits() throws(Malformed) {
            let start = position
            while let byte = current, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
            guard position > start else { throw Malformed() }
        }

        /// Skips a string, quotes included; whether it has escapes or bytes
        /// beyond ASCII (checked to be UTF-8).
        private mutating func skipString() throws(Malformed) -> Bool {
            try expect(UInt8(ascii: "\""))
            let start = position
            var escaped = false, beyondASCII = false
            while true {
                guard let byte = current else { throw Malformed() }
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    if beyondASCII, String(validating: bytes[start..<(position - 1)], as: UTF8.self) == nil { throw Malformed() }
                    return escaped || beyondASCII
                case UInt8(ascii: "\\"):
                    escaped = true
                    guard let next = current else { throw Malformed() }
                    position += 1
                    switch next {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        break
                    case UInt8(ascii: "u"):
                        guard position + 4 <= bytes.count, bytes[position..<(position + 4)].allSatisfy(\.isHexDigit) else { throw Malformed() }
                        position += 4
                    default:
                        throw Malformed()
                    }
                case 0..<0x20:
                    throw Malformed()
                case 0x80...:
                    beyondASCII = true
                default:
                    break
                }
            }
        }

        /// A member name, `key` quoted as written.
        private static func name(_ key: ArraySlice<UInt8>, needsDecoding: Bool) throws(Malformed) -> String {
            guard needsDecoding else { return String(decoding: key.dropFirst().dropLast(), as: UTF8.self) }
            guard let name = try? JSONDecoder().decode(String.self, from: Data(key)) else { throw Malformed() }
            return name
        }
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
