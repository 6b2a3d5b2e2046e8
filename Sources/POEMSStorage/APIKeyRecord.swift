/// An API key as stored, without its secret: never the token, never its hash.
public struct APIKeyRecord: Sendable, Equatable, Codable {
    /// Unique, chosen by the administrator (`ehr-integration`).
    public var name: String
    public var role: Role
    /// The first 12 characters of the token (`poemsd_Ab3dE`): not secret,
    /// enough to tell keys apart.
    public var tokenPrefix: String
    /// ISO 8601 UTC timestamps.
    public var createdAt: String
    /// When the key was revoked; `nil` while it is active. (When a key was
    /// used is in the audit trail.)
    public var revokedAt: String?

    public init(name: String, role: Role, tokenPrefix: String, createdAt: String, revokedAt: String? = nil) {
        self.name = name
        self.role = role
        self.tokenPrefix = tokenPrefix
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// True until the key is revoked.
    public var isActive: Bool { revokedAt == nil }
}
