import Foundation

/// Bounds on the shape of a JSON request body, checked by a single pass over
/// its bytes before any parser sees it: a deeply nested or huge-string
/// document is refused without building it, and so is an object that names
/// a member twice (parsers disagree on which value wins, so a repeated
/// finding could be read one way here and another way by the client), and
/// so is a string holding U+0000 (`\u0000`): many stores cannot keep it in
/// text (PostgreSQL refuses it), so it would be refused later, differently
/// by engine, or cut short; no text field needs it.
public struct JSONLimits: Sendable, Equatable {
    /// Most nested arrays and objects (`{"a":[1]}` has depth 2).
    public var maximumDepth: Int
    /// Longest string (key or value), in bytes as sent, escapes included.
    public var maximumStringBytes: Int

    public static let defaultMaximumDepth = 32
    public static let defaultMaximumStringBytes = 10_000

    public init(maximumDepth: Int = JSONLimits.defaultMaximumDepth, maximumStringBytes: Int = JSONLimits.defaultMaximumStringBytes) {
        self.maximumDepth = maximumDepth
        self.maximumStringBytes = maximumStringBytes
    }

    /// Throws 400 `json-too-deep` or `string-too-long`, with the JSON pointer
    /// of the container or string at fault, when `bytes` exceeds a limit, and
    /// 400 `invalid-field` with the pointer of the member when an object
    /// repeats a member name, or of the string when it holds `\u0000`.
    ///
    /// Only the limits are checked: a malformed document passes (the parser
    /// reports it). The pointer follows the structure as far as it is
    /// well-formed.
    public func check(_ bytes: [UInt8]) throws(ProblemDetails) {
        var stack: [Frame] = []
        var position = 0
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let start = position + 1
                var end = start, holdsNUL = false
                while end < count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") {
                        holdsNUL = holdsNUL || Self.isEscapedNUL(bytes, at: end)
                        end += 2
                    } else {
                        end += 1
                    }
                }
                end = min(end, count)
                let isKey = stack.last.map { $0.isObject && $0.expectingKey } ?? false
                if holdsNUL {
                    let pointer = Self.pointer(stack, bytes, includingLastKey: !isKey)
                    throw .invalidField("A string holds the NUL character (\\u0000), which no text field can take: remove it.",
                                        pointer: isKey ? pointer + "/" + Self.token(bytes[start..<min(end, start + 64)]) : pointer)
                }
                if isKey {
                    stack[stack.count - 1].key = start..<end
                    stack[stack.count - 1].expectingKey = false
                    let raw = bytes[start..<end]
                    // The name as sent (a slice: no copy), or decoded when it has escapes.
                    let name = raw.contains(UInt8(ascii: "\\")) ? ArraySlice(Self.token(raw).utf8) : raw
                    if !stack[stack.count - 1].names.insert(name) {
                        let pointer = Self.pointer(stack, bytes, includingLastKey: true)
                        throw .invalidField("The member \"\(Self.token(raw))\" appears more than once in this object; send each field once.", pointer: pointer)
                    }
                }
                if end - start > maximumStringBytes {
                    let pointer = Self.pointer(stack, bytes, includingLastKey: !isKey)
                    throw .stringTooLong(limit: maximumStringBytes, pointer: isKey ? pointer + "/" + Self.token(bytes[start..<min(end, start + 64)]) + "…" : pointer)
                }
                position = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count >= maximumDepth {
                    throw .jsonTooDeep(limit: maximumDepth, pointer: Self.pointer(stack, bytes, includingLastKey: true))
                }
                stack.append(Frame(isObject: byte == UInt8(ascii: "{"), expectingKey: byte == UInt8(ascii: "{")))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                if let last = stack.indices.last {
                    if stack[last].isObject { stack[last].expectingKey = true } else { stack[last].index += 1 }
                }
            default:
                break
            }
            position += 1
        }
    }

    /// Whether the escape at `index` (a backslash) is `\u0000`.
    private static func isEscapedNUL(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { return false }
        return bytes[(index + 2)...(index + 5)].allSatisfy { $0 == UInt8(ascii: "0") }
    }

    /// One open container: in an object, the last key seen (a byte range)
    /// and whether the next string is a key; in an array, the index of the
    /// current element.
    private struct Frame {
        var isObject: Bool
        var expectingKey: Bool
        var key: Range<Int> = 0..<0
        var index = 0
        /// The member names seen so far in an object.
        var names = MemberNames()
    }

    /// The member names of one object: compared one by one while there are
    /// few (a request's objects have a few dozen members; hashing each name
    /// was most of the cost of the check), hashed beyond that, so that a
    /// hostile object of many members still costs linear time.
    private struct MemberNames {
        private static let linearLimit = 32
        private var few: [ArraySlice<UInt8>] = []
        private var many: Set<MemberName>?

        /// Adds `name`; `false` if the object already has it.
        mutating func insert(_ name: ArraySlice<UInt8>) -> Bool {
            if many != nil { return many!.insert(MemberName(bytes: name)).inserted }
            if few.contains(name) { return false }
            few.append(name)
            if few.count > Self.linearLimit {
                many = Set(few.map(MemberName.init))
                few = []
            }
            return true
        }
    }

    /// A member name's bytes, hashed as one block (an `ArraySlice`'s own
    /// hash combines byte by byte).
    private struct MemberName: Hashable {
        let bytes: ArraySlice<UInt8>

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// The pointer of the current position: each container's key or index.
    private static func pointer(_ stack: [Frame], _ bytes: [UInt8], includingLastKey: Bool) -> String {
        var result = ""
        for (offset, frame) in stack.enumerated() {
            guard offset < stack.count - 1 || includingLastKey else { break }
            result += "/" + (frame.isObject ? token(bytes[frame.key]) : String(frame.index))
        }
        return result
    }

    /// A key as an RFC 6901 reference token (escapes decoded when possible).
    private static func token(_ raw: ArraySlice<UInt8>) -> String {
        let text = (try? JSONDecoder().decode(String.self, from: Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])))
            ?? String(decoding: raw, as: UTF8.self)
        return text.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
