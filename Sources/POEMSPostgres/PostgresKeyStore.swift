import PostgresNIO
import POEMSStorage
import Synchronization

/// API keys in `api_keys` (migration postgres/0002), with authenticated keys
/// cached per instance (`KeyCache`): a revocation by any instance moves
/// `api_key_generation`, and every instance drops its cache within a second.
public struct PostgresKeyStore: KeyStore {
    let database: PostgresDatabase
    let cache: KeyCache

    public func create(name: String, role: Role) throws -> (token: String, record: APIKeyRecord) {
        guard APIKeyToken.isValidName(name) else { throw APIKeyError.invalidName(name) }
        let token = APIKeyToken.generate()
        let prefix = String(token.prefix(APIKeyToken.displayPrefixLength))
        let hash = APIKeyToken.hash(token)
        // Retried after a transient failure, the insert may find the row
        // its own earlier attempt committed (the answer was lost with the
        // connection): the same name with this token's hash is that row,
        // not a duplicate. (Reads are retried by `PostgresDatabase.read`.)
        let record = try database.read { [database] connection -> APIKeyRecord? in
            if let inserted = try await connection.query("""
                INSERT INTO api_keys (name, role, token_hash, token_prefix, created_at) VALUES (\(name), \(role.rawValue), \(hash), \(prefix), poemsd_now())
                ON CONFLICT (name) DO NOTHING RETURNING \(unescaped: Self.columns)
                """, logger: database.logger).collect().first { return try Self.record(inserted) }
            return try await connection.query("""
                SELECT \(unescaped: Self.columns) FROM api_keys WHERE name = \(name) AND token_hash = \(hash)
                """, logger: database.logger).collect().first.map(Self.record)
        }
        guard let record else { throw APIKeyError.duplicateName(name) }
        return (token, record)
    }

    public func list() throws -> [APIKeyRecord] {
        try database.read { [database] connection in
            try await connection.query("SELECT \(unescaped: Self.columns) FROM api_keys ORDER BY name", logger: database.logger).collect().map(Self.record)
        }
    }

    public func revoke(name: String) throws {
        // An attempt whose answer was lost may have revoked the key: a
        // retry that then finds it revoked reports success, not
        // "already revoked".
        let attempted = Atomic<Bool>(false)
        let revoked = try database.read { [database] connection -> Bool? in
            let retry = attempted.exchange(true, ordering: .relaxed)
            // The trigger of migration postgres/0002 moves the generation.
            if try await !connection.query("""
                UPDATE api_keys SET revoked_at = poemsd_now() WHERE name = \(name) AND revoked_at IS NULL RETURNING 1
                """, logger: database.logger).collect().isEmpty { return true }
            return try await connection.query("SELECT 1 FROM api_keys WHERE name = \(name)", logger: database.logger).collect().isEmpty ? nil : retry
        }
        guard let revoked else { throw APIKeyError.unknownName(name) }
        guard revoked else { throw APIKeyError.alreadyRevoked(name) }
        cache.invalidate()
    }

    public func authenticate(token: String) throws -> APIKeyRecord? {
        guard APIKeyToken.isPlausible(token) else { return nil }
        let presented = APIKeyToken.hash(token)
        if let cached = try cache.lookup(presented, generation: currentGeneration) { return cached }
        let (generation, record) = try database.read { [database] connection -> (Int64, APIKeyRecord?) in
            let rows = try await connection.query("""
                SELECT g.value, k.token_hash, \(unescaped: Self.columns.split(separator: ",").map { "k." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM api_key_generation g LEFT JOIN api_keys k ON k.token_hash = \(presented) WHERE g.id = 1
                """, logger: database.logger).collect()
            guard let row = rows.first else { return (0, nil) }
            let (generation, hash, name, role, prefix, created, revoked) = try row.decode((Int64, String?, String?, String?, String?, String?, String?).self)
            guard let hash, let name, let role, let prefix, let created, ConstantTime.equals(Array(hash.utf8), Array(presented.utf8)) else {
                return (generation, nil)
            }
            let record = APIKeyRecord(name: name, role: Role(rawValue: role) ?? .reader, tokenPrefix: prefix, createdAt: created, revokedAt: revoked)
            return (generation, record.isActive ? record : nil)
        }
        if let record { cache.insert(record, hash: presented, generation: generation) }
        return record
    }

    public func hasActiveKeys() throws -> Bool {
        try database.read { [database] connection in
            try await !connection.query("SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1", logger: database.logger).collect().isEmpty
        }
    }

    private func currentGeneration() throws -> Int64 {
        try database.read { [database] connection in
            try await connection.query("SELECT value FROM api_key_generation WHERE id = 1", logger: database.logger).collect().first?.decode(Int64.self) ?? 0
        }
    }

    private static let columns = "name, role, token_prefix, created_at, revoked_at"

    private static func record(_ row: PostgresRow) throws -> APIKeyRecord {
        let (name, role, prefix, created, revoked) = try row.decode((String, String, String, String, String?).self)
        // The CHECK constraint admits only the three roles.
        return APIKeyRecord(name: name, role: Role(rawValue: role) ?? .reader, tokenPrefix: prefix, createdAt: created, revokedAt: revoked)
    }
}
