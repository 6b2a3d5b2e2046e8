import Crypto
import FastJSON
import Foundation
import HTTPServer
import POEMSCriteria
import POEMSFHIR

/// The capability in a CDS card's link to the work-up page
/// (`/workup#CAPABILITY`): an evaluation's input, sealed by the server so
/// that a browser holding the link, and no API key, can have that input
/// evaluated again, until the capability expires
/// (docs/security-capability-links.md).
///
/// The capability is base64url (no padding) of
///
/// - a header: the format version (1) and the key's id (4 bytes of
///   SHA-256 over a label and the key), so that a capability made under
///   another key (rotated) is told from a changed one;
/// - an AES-256-GCM sealed box (12-byte random nonce ‖ ciphertext ‖ 16-byte
///   tag), with the header as authenticated data, of: the expiry (Unix
///   seconds, 8 bytes big-endian), then JSON of the headline criteria set,
///   the input (as `POST /v1/evaluations` takes it) and the notes a FHIR
///   Bundle added to the report (``CriterionNote``), so that the page shows
///   the card's evaluation exactly.
///
/// The expiry is inside the ciphertext: nobody without the key can read or
/// extend it, and one byte changed anywhere fails the tag.
struct WorkupCapability: Equatable {
    /// What is sealed besides the expiry.
    struct Content: Codable, Equatable {
        /// The headline criteria set the card was made for.
        var headline: CriteriaSetID
        /// The evaluation input.
        var input: CaseInput
        /// What the Bundle said beyond the input's values.
        var notes: [CriterionNote]
    }

    let content: Content
    /// Unix seconds at and after which the capability is refused.
    let expiresAt: Int64

    /// Why a capability is refused.
    enum Refusal: Error, Equatable {
        /// Not base64url, too short, or a format this version does not read.
        case malformed
        /// Made under a key this service no longer holds (rotated), or not by it.
        case unknownKey
        /// The tag does not verify: the capability was changed.
        case tampered
        /// Opened at or after `expiresAt`.
        case expired(expiresAt: Int64)
        /// Authentic, but its content is not one this version reads.
        case unreadable
    }

    static let version: UInt8 = 1
    static let headerLength = 5
    /// Header, nonce, expiry and tag.
    static let minimumLength = headerLength + 12 + 8 + 16
    /// Longest capability accepted, in characters (a CDS input is a few hundred bytes of JSON).
    static let maximumLength = 16_384

    /// The capability as text for a URL's fragment.
    func sealed(key: SymmetricKey) throws -> String {
        let plaintext = withUnsafeBytes(of: expiresAt.bigEndian) { Array($0) } + Array(try JSONCoding.encoder.encode(content))
        let header = Self.header(key: key)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: header)
        // Nonce, ciphertext and tag: `combined` is non-nil with the default 12-byte nonce.
        return Self.base64url(header + Array(box.combined!))
    }

    /// Opens `text` made by ``sealed(key:)`` under `key`, refusing it at or after its expiry (`now`, Unix seconds).
    static func open(_ text: String, key: SymmetricKey, now: Int64) throws(Refusal) -> WorkupCapability {
        guard text.utf8.count <= maximumLength, let bytes = bytes(base64url: text), bytes.count >= minimumLength,
              bytes[0] == version else { throw .malformed }
        let header = Array(bytes[..<headerLength])
        guard header == Self.header(key: key) else { throw .unknownKey }
        let plaintext: [UInt8]
        do {
            plaintext = Array(try AES.GCM.open(AES.GCM.SealedBox(combined: bytes[headerLength...]), using: key, authenticating: header))
        } catch {
            throw .tampered
        }
        let expiresAt = plaintext[..<8].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        guard now < expiresAt else { throw .expired(expiresAt: expiresAt) }
        // Authentic, yet unreadable: made by a version whose content this one does not read.
        guard let content = try? JSONDecoder().decode(Content.self, from: Data(plaintext[8...])) else { throw .unreadable }
        return WorkupCapability(content: content, expiresAt: expiresAt)
    }

    /// The version byte and the key's id.
    private static func header(key: SymmetricKey) -> [UInt8] {
        let id = key.withUnsafeBytes { keyBytes in
            SHA256.hash(data: Array("poemsd workup capability key id".utf8) + Array(keyBytes))
        }
        return [version] + Array(id.prefix(4))
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url text without padding; `nil` for any other character.
    static func bytes(base64url text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ $0.isBase64URLDigit }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }
}

private extension UInt8 {
    var isBase64URLDigit: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
