import Crypto
import Foundation

/// API keys in the `api_keys` table (migration 0003).
///
/// A token is `poemsd_` followed by 256 random bits in URL-safe base64
/// (43 characters). Only its SHA-256 hash is stored: `create` returns the
/// token once, and nothing can show it again.
/// ```swift
/// let keys = APIKeyStore(database: queue)
/// let (token, record) = try keys.create(name: "ehr-integration", role: .writer)
/// keys.authenticate(token: token)?.role   // .writer
/// try keys.revoke(name: "ehr-integration")
/// ```
public struct APIKeyStore: Sendable {
    /// What every token starts with, so a leaked one is recognisable (secret scanners).
    public static let tokenPrefix = "poemsd_"
    /// How many leading characters of a token are kept for display.
    public static let displayPrefixLength = 12

    private let database: DatabaseQueue
    /// Connections for `authenticate`, which runs on every request: pooled,
    /// so that concurrent requests do not queue on one connection.
    private let readers: ReaderPool?

    /// Keys in `database`, whose migrations must already be applied.
    /// `readersPath`, the same database's file, lets `authenticate` use
    /// pooled connections.
    public init(database: DatabaseQueue, readersPath: String? = nil) {
        self.database = database
        self.readers = readersPath.map(ReaderPool.init(path:))
    }

    /// Creates an active key named `name` with `role`, and returns its token
    /// (the only time it is available) with the stored record.
    public func create(name: String, role: Role) throws -> (token: String, record: APIKeyRecord) {
        guard Self.isValidName(name) else { throw APIKeyError.invalidName(name) }
        let token = Self.generateToken()
        let prefix = String(token.prefix(Self.displayPrefixLength))
        let record = try database.access { db in
            try db.transaction { () throws -> APIKeyRecord in
                guard try db.scalarInt("SELECT 1 FROM api_keys WHERE name = ?", [.text(name)]) == nil else {
                    throw APIKeyError.duplicateName(name)
                }
                try db.prepare(
                    "INSERT INTO api_keys (name, role, token_hash, token_prefix, created_at) VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                    [.text(name), .text(role.rawValue), .text(Self.hash(token)), .text(prefix)]
                ).step()
                guard let record = try Self.select(db, where: "name = ?", [.text(name)]).first else {
                    throw DatabaseError.migration("the new key \(name) could not be read back")
                }
                return record
            }
        }
        return (token, record)
    }

    /// Every key, active and revoked, by name. No secrets.
    public func list() throws -> [APIKeyRecord] {
        try database.access { db in try Self.select(db, where: "1", []) }
    }

    /// Revokes the key `name`: it never authenticates again. Unknown and
    /// already revoked names are errors, so a typo is not taken for success.
    public func revoke(name: String) throws {
        try database.access { db in
            try db.transaction {
                guard let record = try Self.select(db, where: "name = ?", [.text(name)]).first else {
                    throw APIKeyError.unknownName(name)
                }
                guard record.isActive else { throw APIKeyError.alreadyRevoked(name) }
                try db.prepare("UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE name = ?", [.text(name)]).step()
            }
        }
    }

    /// The active key whose token is `token`, or `nil` (unknown, malformed
    /// or revoked). The token is hashed and looked up by its hash; the stored
    /// hash is then compared in constant time.
    public func authenticate(token: String) throws -> APIKeyRecord? {
        guard token.hasPrefix(Self.tokenPrefix), token.utf8.count <= 256 else { return nil }
        let presented = Self.hash(token)
        let lookup = { (db: Database) throws -> APIKeyRecord? in
            let statement = try db.prepare(
                "SELECT token_hash, \(Self.columns) FROM api_keys WHERE token_hash = ?", [.text(presented)])
            guard try statement.step(), let stored = statement.text(0),
                  ConstantTime.equals(Array(stored.utf8), Array(presented.utf8)) else { return nil }
            let record = Self.record(statement, from: 1)
            return record.isActive ? record : nil
        }
        if let readers { return try readers.read(lookup) }
        return try database.access(lookup)
    }

    /// Whether any key is active (a server with none may run open, or refuse).
    public func hasActiveKeys() throws -> Bool {
        try database.access { db in try db.scalarInt("SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1") != nil }
    }

    // MARK: - Tokens

    /// `poemsd_` and 32 bytes from the system's secure generator in URL-safe
    /// base64 without padding.
    static func generateToken() -> String { tokenPrefix + Base64URL.random(bytes: 32) }

    /// SHA-256 of the token's UTF-8 bytes, lowercase hex.
    static func hash(_ token: String) -> String {
        SHA256Hex.of(token.utf8)
    }

    static func isValidName(_ name: String) -> Bool {
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

    // MARK: - Rows

    private static let columns = "name, role, token_prefix, created_at, revoked_at, last_used_at"

    private static func select(_ db: Database, where condition: String, _ arguments: [DatabaseValue]) throws -> [APIKeyRecord] {
        let statement = try db.prepare("SELECT \(columns) FROM api_keys WHERE \(condition) ORDER BY name", arguments)
        var records: [APIKeyRecord] = []
        while try statement.step() { records.append(record(statement, from: 0)) }
        return records
    }

    private static func record(_ statement: Statement, from first: Int32) -> APIKeyRecord {
        APIKeyRecord(
            name: statement.text(first) ?? "",
            // The CHECK constraint admits only the three roles.
            role: Role(rawValue: statement.text(first + 1) ?? "") ?? .reader,
            tokenPrefix: statement.text(first + 2) ?? "",
            createdAt: statement.text(first + 3) ?? "",
            revokedAt: statement.isNull(first + 4) ? nil : statement.text(first + 4),
            lastUsedAt: statement.isNull(first + 5) ? nil : statement.text(first + 5))
    }
}
