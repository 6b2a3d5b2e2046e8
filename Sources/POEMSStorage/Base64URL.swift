import Foundation

/// URL-safe base64 without padding (RFC 4648 §5): case ids, API tokens and
/// listing cursors, which travel in URLs and headers.
public enum Base64URL {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }

    /// `count` bytes from the system's secure generator, encoded.
    static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Like ``random(bytes:)``, drawn again while it begins with `-`, which
    /// shell tools read as an option (`grep -r ID`, `rm ID`): one draw in 64
    /// would. The first character is then one of 63, the others of 64.
    static func randomIdentifier(bytes count: Int) -> String {
        while true {
            let text = random(bytes: count)
            if !text.hasPrefix("-") { return text }
        }
    }
}
