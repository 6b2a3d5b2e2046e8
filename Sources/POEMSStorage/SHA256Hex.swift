import Crypto

/// SHA-256 digests as lowercase hex, the form stored for checksums, token
/// hashes and request fingerprints.
public enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The digest of `first` followed by `second`, without joining them
    /// (`second` can be a request body of megabytes).
    public static func of(_ first: [UInt8], _ second: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: first)
        hasher.update(data: second)
        return hex(hasher.finalize())
    }

    /// A digest (its bytes) as lowercase hex.
    public static func hex<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
