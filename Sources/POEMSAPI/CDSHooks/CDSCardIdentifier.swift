import Crypto
import POEMSStorage

/// Card uuids the feedback endpoint can verify without storing a card.
///
/// A uuid is 16 bytes in the RFC 9562 layout, version 8 (custom):
///
/// - bytes 0–7: the first 8 bytes of HMAC-SHA256(key, "card" ‖ service ‖
///   issuer ‖ hookInstance ‖ card index), so that a call retried with the
///   same `hookInstance` gets the same uuids;
/// - bytes 8–15: the first 8 bytes of HMAC-SHA256(key, "tag" ‖ service ‖
///   issuer ‖ bytes 0–7): 62 bits (the variant takes two) that only the
///   key's holder can make;
///
/// the version nibble (8) and the variant bits (10) set over them. Feedback
/// names only the card, so the tag is what is checked: a uuid is accepted
/// for the service and the issuer (the EHR whose JWT asked) it was made for.
///
/// The key is the database's (``CDSStore/cardKey()``, made by a migration),
/// read on first use and kept (``CachedKey``): every instance on the
/// database makes and accepts the same uuids.
final class CDSCardIdentifier: Sendable {
    private let stored: CachedKey

    init(store: any CDSStore) { stored = CachedKey { try store.cardKey() } }

    /// The uuid of card `index` of a call.
    static func uuid(key: SymmetricKey, service: String, issuer: String, hookInstance: String, index: Int) -> String {
        var bytes = Array(mac(key, ["card", service, issuer, hookInstance, String(index)].map { Array($0.utf8) }).prefix(8))
        bytes[6] = bytes[6] & 0x0f | 0x80
        bytes += tag(key, service: service, issuer: issuer, id: bytes)
        return format(bytes)
    }

    /// Whether `uuid` was made by ``uuid(key:service:issuer:hookInstance:index:)``
    /// for `service` and `issuer` (letter case aside).
    static func isIssued(_ uuid: String, key: SymmetricKey, service: String, issuer: String) -> Bool {
        guard let bytes = parse(uuid), bytes[6] >> 4 == 8 else { return false }
        return ConstantTime.equals(bytes[8...], tag(key, service: service, issuer: issuer, id: Array(bytes[..<8])))
    }

    /// The database's key, read once.
    func key() async throws -> SymmetricKey { try await stored.key() }

    private static func tag(_ key: SymmetricKey, service: String, issuer: String, id: [UInt8]) -> [UInt8] {
        var tag = Array(mac(key, ["tag", service, issuer].map { Array($0.utf8) } + [id]).prefix(8))
        tag[0] = tag[0] & 0x3f | 0x80
        return tag
    }

    /// HMAC-SHA256 of the parts, each preceded by its length so that no two
    /// lists of parts give the same message.
    private static func mac(_ key: SymmetricKey, _ parts: [[UInt8]]) -> [UInt8] {
        var message: [UInt8] = []
        for part in parts {
            withUnsafeBytes(of: UInt32(part.count).bigEndian) { message += $0 }
            message += part
        }
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase.
    static func format(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text += [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 16 bytes of a uuid in the canonical form, either case.
    static func parse(_ uuid: String) -> [UInt8]? {
        let text = Array(uuid.utf8)
        guard text.count == 36, [8, 13, 18, 23].allSatisfy({ text[$0] == UInt8(ascii: "-") }) else { return nil }
        let digits = text.enumerated().filter { ![8, 13, 18, 23].contains($0.offset) }.map(\.element)
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 32, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
