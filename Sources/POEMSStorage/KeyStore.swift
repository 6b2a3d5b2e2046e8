/// API keys. What handlers and the `poemsd keys` commands depend on;
/// `SQLiteKeyStore` is the embedded engine.
///
/// A token is `poemsd_` followed by 256 random bits in URL-safe base64
/// (43 characters). Only its SHA-256 hash is stored: `create` returns the
/// token once, and nothing can show it again.
public protocol KeyStore: Sendable {
    /// Creates an active key named `name` with `role`, and returns its token
    /// (the only time it is available) with the stored record.
    func create(name: String, role: Role) throws -> (token: String, record: APIKeyRecord)
    /// Every key, active and revoked, by name. No secrets.
    func list() throws -> [APIKeyRecord]
    /// Revokes the key `name`: it never authenticates again (within a second
    /// in every server on the database). Unknown and revoked names are errors.
    func revoke(name: String) throws
    /// The active key whose token is `token`, or `nil` (unknown, malformed
    /// or revoked).
    func authenticate(token: String) throws -> APIKeyRecord?
    /// Whether any key is active.
    func hasActiveKeys() throws -> Bool
}

/// Tokens: generation, hashing and names, the same for every engine.
public enum APIKeyToken {
    /// What every token starts with, so a leaked one is recognisable (secret scanners).
    public static let prefix = "poemsd_"
    /// How many leading characters of a token are kept for display.
    public static let displayPrefixLength = 12

    /// `poemsd_` and 32 bytes from the system's secure generator in URL-safe
    /// base64 without padding.
    public static func generate() -> String { prefix + Base64URL.random(bytes: 32) }

    /// SHA-256 of the token's UTF-8 bytes, lowercase hex.
    public static func hash(_ token: String) -> String { SHA256Hex.of(token.utf8) }

    /// Whether `token` can be a token at all (checked before hashing).
    public static func isPlausible(_ token: String) -> Bool { token.hasPrefix(prefix) && token.utf8.count <= 256 }

    /// Names are 1–64 characters of `A–Z a–z 0–9 - _ .`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default:
                false
            }
        }
    }
}
