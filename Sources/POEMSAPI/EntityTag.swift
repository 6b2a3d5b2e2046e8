import Crypto
import Foundation

/// Strong entity tags: the first 96 bits of a SHA-256, quoted hex.
enum EntityTag {
    /// The tag of a representation's bytes.
    static func of(_ bytes: [UInt8]) -> String { quoted(SHA256.hash(data: bytes)) }

    /// The tag of a representation identified by `identity`: a string that
    /// changes whenever the representation does (for example an id and a
    /// revision, with the service version).
    static func of(identity: String) -> String { quoted(SHA256.hash(data: Data(identity.utf8))) }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func quoted(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = [UInt8(ascii: "\"")]
        for byte in digest.prefix(12) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        text.append(UInt8(ascii: "\""))
        return String(decoding: text, as: UTF8.self)
    }
}
