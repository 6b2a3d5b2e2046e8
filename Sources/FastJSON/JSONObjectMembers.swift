/// Adds members to an encoded JSON object without decoding it again, so that
/// a large document that never changes can be encoded once and reused.
public enum JSONObjectMembers {
    /// `object` with `members` (name, already-encoded JSON value) appended.
    /// The names must not need escaping and must not already be in `object`.
    public static func append(_ members: [(name: String, json: [UInt8])], to object: [UInt8]) -> [UInt8] {
        precondition(object.first == UInt8(ascii: "{") && object.last == UInt8(ascii: "}"), "not a JSON object")
        var result = object
        result.removeLast()
        var empty = object.count == 2
        result.reserveCapacity(object.count + members.reduce(0) { $0 + $1.name.utf8.count + $1.json.count + 4 })
        for member in members {
            if !empty { result.append(UInt8(ascii: ",")) }
            empty = false
            result.append(UInt8(ascii: "\""))
            result.append(contentsOf: member.name.utf8)
            result.append(contentsOf: "\":".utf8)
            result.append(contentsOf: member.json)
        }
        result.append(UInt8(ascii: "}"))
        return result
    }
}
