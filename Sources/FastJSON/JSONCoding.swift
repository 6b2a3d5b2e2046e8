import Foundation

/// The JSON settings shared by every response, so that the same value always
/// encodes to the same bytes (which makes strong ETags possible).
public enum JSONCoding {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The same, indented for people (command-line output).
    public static var prettyEncoder: JSONEncoder {
        let encoder = encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }
}
