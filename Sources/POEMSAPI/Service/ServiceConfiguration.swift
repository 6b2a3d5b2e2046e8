import HTTPServer
import POEMSCriteria
import POEMSStorage

/// Everything `poemsd serve` can be told, with the embedded defaults.
public struct ServiceConfiguration: Sendable {
    public var http = HTTPServerConfiguration()
    /// Largest FHIR Bundle (`application/fhir+json`) the routes that take one
    /// accept, in bytes, instead of `http.maximumBodyBytes`: a patient's
    /// `$everything` or a Synthea export is several megabytes, and it is
    /// read once. Larger: 413 as an OperationOutcome.
    public var maximumFHIRBodyBytes = FHIRInput.defaultMaximumBodyBytes
    /// Requests per minute allowed to one API key (a burst of as many);
    /// 0 turns rate limiting off. Over it: 429 with `Retry-After`.
    public var requestsPerMinutePerKey = 600
    /// Denied requests (401, 403, 429) written to the audit trail per
    /// minute, from all clients together; beyond, they are counted and
    /// logged only (``DenialAuditGate``).
    public var auditedDenialsPerMinute = 600
    /// The same, per client address.
    public var auditedDenialsPerMinutePerClient = 60
    /// The database: a SQLite file (created with its directory's permissions
    /// if missing), or a `postgres://user@host:port/database` URL
    /// (`StorageEngine`) for several instances on one PostgreSQL database.
    public var databasePath = "./poems.sqlite"
    /// A directory of numbered `.sql` migrations to use instead of those
    /// compiled into the binary (`Migration.bundled`); for development.
    public var migrationsDirectory: String?
    /// Apply pending migrations at start (otherwise refuse to start with pending ones).
    public var migrateOnStart = true
    /// How long readiness reports failure before the server stops accepting
    /// connections, so that a load balancer can stop sending traffic.
    public var shutdownGracePeriod: Duration = .zero
    /// How long requests in flight may take to finish during shutdown.
    public var drainTimeout: Duration = .seconds(10)

    /// The headline criteria set when a request does not name one.
    public var defaultCriteriaSet: CriteriaSetID = .imwg2014
    /// Thresholds of the criteria engine (thrombocytosis).
    public var evaluation = EvaluationSettings()

    /// Most case writes committed in one transaction (group commit); 1
    /// commits each write on its own.
    public var maximumWriteBatch = 256
    /// How long an `Idempotency-Key` is remembered (at least 24 hours).
    public var idempotencyRetentionSeconds = 24 * 3600
    /// How stale `/v1/stats` and the `poemsd_cases` gauges may be after a
    /// change this instance did not see commit (``StatisticsCache``; the
    /// changes it sees refresh them at once).
    public var statisticsMaximumAge: Duration = .seconds(5)

    /// On a start with no active API key, create an admin key and report
    /// its token once (`Service.bootstrapToken`).
    public var createBootstrapKey = true

    /// CDS Hooks: public URL, trusted issuers, algorithms.
    public var cds = CDSConfiguration()
    /// The work-up page's capability links: lifetime, key, rate limit.
    public var workup = WorkupConfiguration()

    public init() {
        http.serverHeader = "poemsd/\(ServiceVersion.current)"
        http.problemTypePrefix = Self.problemTypePrefix
    }

    /// The namespace of poemsd's problem types (`urn:poemsd:problem:not-found`).
    public static let problemTypePrefix = "urn:poemsd:problem:"

    /// The name of the per-key limit in the `RateLimit-Policy` and
    /// `RateLimit` response fields.
    public static let rateLimitPolicy = "per-key"

    /// A limiter of `requestsPerMinutePerKey` requests per minute per key,
    /// allowing a burst of that many; `nil` when rate limiting is off.
    public func makeRateLimiter() -> RateLimiter? {
        guard requestsPerMinutePerKey > 0 else { return nil }
        return RateLimiter(capacity: Double(requestsPerMinutePerKey), refillPerSecond: Double(requestsPerMinutePerKey) / 60)
    }

    /// What the storage engine is opened with (`serve` creates the file and
    /// applies migrations unless told not to).
    public var storageOpening: StorageOpening {
        StorageOpening(location: databasePath, migrationsDirectory: migrationsDirectory, migrate: migrateOnStart,
                       maximumWriteBatch: maximumWriteBatch, idempotencyRetentionSeconds: idempotencyRetentionSeconds)
    }
}
