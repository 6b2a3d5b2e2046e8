import GRDB
import POEMSStorage

/// API keys in the `api_keys` table (migrations 0003 and 0006), with
/// authenticated keys cached in memory (`KeyCache`).
public struct SQLiteKeyStore: KeyStore {
    let slot: PoolSlot
    var pool: DatabasePool { slot.pool }
    let cache: KeyCache

    public func create(name: String, role: Role) throws -> (token: String, record: APIKeyRecord) {
        guard APIKeyToken.isValidName(name) else { throw APIKeyError.invalidName(name) }
        let token = APIKeyToken.generate()
        let prefix = String(token.prefix(APIKeyToken.displayPrefixLength))
        let record = try DatabaseError.converted {
            try pool.write { db -> APIKeyRecord in
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM api_keys WHERE name = ?", arguments: [name]) == nil else {
                    throw APIKeyError.duplicateName(name)
                }
                try db.execute(
                    sql: "INSERT INTO api_keys (name, role, token_hash, token_prefix, created_at) VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                    arguments: [name, role.rawValue, APIKeyToken.hash(token), prefix])
                guard let record = try Self.select(db, where: "name = ?", [name]).first else {
                    throw DatabaseError.migration("the new key \(name) could not be read back")
                }
                return record
            }
        }
        return (token, record)
    }

    public func list() throws -> [APIKeyRecord] {
        try DatabaseError.converted { try pool.read { db in try Self.select(db, where: "1", []) } }
    }

    public func revoke(name: String) throws {
        try DatabaseError.converted {
            try pool.write { db in
                guard let record = try Self.select(db, where: "name = ?", [name]).first else { throw APIKeyError.unknownName(name) }
                guard record.isActive else { throw APIKeyError.alreadyRevoked(name) }
                // The trigger of migration 0006 moves the generation: other servers drop their caches.
                try db.execute(sql: "UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE name = ?", arguments: [name])
            }
        }
        cache.invalidate()
    }

    /// The token is hashed; the cache answers for a key seen recently;
    /// otherwise it is looked up by its hash and the stored hash compared
    /// in constant time.
    public func authenticate(token: String) throws -> APIKeyRecord? {
        guard APIKeyToken.isPlausible(token) else { return nil }
        let presented = APIKeyToken.hash(token)
        return try DatabaseError.converted {
            if let cached = try cache.lookup(presented, generation: currentGeneration) { return cached }
            let (generation, record) = try pool.read { db -> (Int64, APIKeyRecord?) in
                let generation = try Self.generation(db)
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT token_hash, \(Self.columns) FROM api_keys WHERE token_hash = ?"),
                                                 arguments: [presented]),
                      ConstantTime.equals(Array((row[0] as String).utf8), Array(presented.utf8)) else { return (generation, nil) }
                let record = Self.record(row, from: 1)
                return (generation, record.isActive ? record : nil)
            }
            if let record { cache.insert(record, hash: presented, generation: generation) }
            return record
        }
    }

    public func hasActiveKeys() throws -> Bool {
        try DatabaseError.converted {
            try pool.read { db in try Int.fetchOne(db, sql: "SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1") != nil }
        }
    }

    // MARK: - Rows

    private func currentGeneration() throws -> Int64 {
        try pool.unsafeRead { db in try Self.generation(db) }
    }

    private static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM api_key_generation WHERE only = 1")) ?? 0
    }

    private static let columns = "name, role, token_prefix, created_at, revoked_at"

    private static func select(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [APIKeyRecord] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM api_keys WHERE \(condition) ORDER BY name", arguments: arguments)
            .map { record($0, from: 0) }
    }

    private static func record(_ row: Row, from first: Int) -> APIKeyRecord {
        // The CHECK constraint admits only the three roles.
        APIKeyRecord(name: row[first], role: Role(rawValue: row[first + 1]) ?? .reader, tokenPrefix: row[first + 2],
                     createdAt: row[first + 3], revokedAt: row[first + 4])
    }
}
