/// How to open a database: what the service's configuration says of its
/// storage, whichever engine the location names. The engine is chosen by
/// `StorageEngine.open(_:logger:)` (module POEMSStorageEngines).
public struct StorageOpening: Sendable, Equatable {
    /// A SQLite file's path, or a `postgres://` URL.
    public var location: String
    /// Replaces the compiled-in migrations (development): SQLite reads its
    /// files, PostgreSQL those of its `postgres/` folder.
    public var migrationsDirectory: String?
    /// Apply pending migrations; otherwise refuse to open with any pending.
    public var migrate: Bool
    /// Create a SQLite file that does not exist (otherwise refuse).
    public var create: Bool
    /// At most this many writes share one transaction (group commit).
    public var maximumWriteBatch: Int
    /// How long an Idempotency-Key's stored response is kept.
    public var idempotencyRetentionSeconds: Int

    public init(location: String, migrationsDirectory: String? = nil, migrate: Bool = true, create: Bool = true,
                maximumWriteBatch: Int = 256, idempotencyRetentionSeconds: Int = 24 * 3600) {
        self.location = location
        self.migrationsDirectory = migrationsDirectory
        self.migrate = migrate
        self.create = create
        self.maximumWriteBatch = maximumWriteBatch
        self.idempotencyRetentionSeconds = idempotencyRetentionSeconds
    }
}
