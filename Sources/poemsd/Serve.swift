import ArgumentParser
import POEMSAPI

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service (the default command).")

    @Option(help: "Address to listen on. [env: POEMSD_HOST] (default: 127.0.0.1)")
    var host: String?
    @Option(help: "Port to listen on; 0 picks a free one. [env: POEMSD_PORT] (default: 8080)")
    var port: Int?
    @Option(help: "Polling threads. [env: POEMSD_THREADS] (default: number of cores)")
    var threads: Int?
    @Option(help: "Most connections open at once. [env: POEMSD_MAX_CONNECTIONS] (default: 1024)")
    var maxConnections: Int?
    @Option(help: "Seconds of inactivity before a connection is closed. [env: POEMSD_CONNECTION_TIMEOUT] (default: 30)")
    var connectionTimeout: Int?
    @Option(help: "Largest request body in bytes. [env: POEMSD_MAX_BODY_BYTES] (default: 1048576)")
    var maxBodyBytes: Int?
    @Option(help: "Seconds readiness fails before the listener closes, on SIGTERM. [env: POEMSD_SHUTDOWN_GRACE] (default: 0)")
    var shutdownGrace: Int?
    @Option(help: "Seconds in-flight requests may take to finish, on SIGTERM. [env: POEMSD_DRAIN_TIMEOUT] (default: 10)")
    var drainTimeout: Int?
    @Option(help: "Most case writes committed in one transaction; 1 commits each on its own. [env: POEMSD_MAX_WRITE_BATCH] (default: 256)")
    var maxWriteBatch: Int?
    @Option(help: "Hours an Idempotency-Key is remembered, at least 24. [env: POEMSD_IDEMPOTENCY_HOURS] (default: 24)")
    var idempotencyHours: Int?
    @Flag(name: .customLong("no-migrate"), help: "Refuse to start with pending migrations instead of applying them. [env: POEMSD_NO_MIGRATE]")
    var noMigrate = false

    @Option(help: "Headline criteria set when a request names none: dispenzieri-2003, imwg-2014 or suichi-2019. [env: POEMSD_DEFAULT_CRITERIA] (default: imwg-2014)")
    var defaultCriteria: String?

    @OptionGroup var clinical: ClinicalOptions
    @OptionGroup var storage: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = try logging.bootstrap()
        var configuration = ServiceConfiguration()
        configuration.http.host = host ?? Environment.string("POEMSD_HOST") ?? configuration.http.host
        configuration.http.port = try port ?? Environment.int("POEMSD_PORT") ?? configuration.http.port
        configuration.http.threads = try threads ?? Environment.int("POEMSD_THREADS") ?? configuration.http.threads
        configuration.http.connectionLimit = try maxConnections ?? Environment.int("POEMSD_MAX_CONNECTIONS") ?? configuration.http.connectionLimit
        configuration.http.connectionTimeoutSeconds = try connectionTimeout ?? Environment.int("POEMSD_CONNECTION_TIMEOUT") ?? configuration.http.connectionTimeoutSeconds
        configuration.http.maximumBodyBytes = try maxBodyBytes ?? Environment.int("POEMSD_MAX_BODY_BYTES") ?? configuration.http.maximumBodyBytes
        configuration.shutdownGracePeriod = .seconds(try shutdownGrace ?? Environment.int("POEMSD_SHUTDOWN_GRACE") ?? 0)
        configuration.drainTimeout = .seconds(try drainTimeout ?? Environment.int("POEMSD_DRAIN_TIMEOUT") ?? 10)
        configuration.migrateOnStart = !(try noMigrate || (Environment.bool("POEMSD_NO_MIGRATE") ?? false))
        configuration.defaultCriteriaSet = try clinical.defaultCriteriaSet(defaultCriteria)
        configuration.evaluation = try clinical.settings()
        configuration.maximumWriteBatch = try maxWriteBatch ?? Environment.int("POEMSD_MAX_WRITE_BATCH") ?? configuration.maximumWriteBatch
        configuration.idempotencyRetentionSeconds = 3600 * (try idempotencyHours ?? Environment.int("POEMSD_IDEMPOTENCY_HOURS") ?? 24)
        configuration.databasePath = storage.databasePath
        configuration.migrationsDirectory = storage.migrationsDirectory
        try validate(configuration)

        let service = try Service(configuration: configuration, logger: logger)
        try service.start()
        service.waitForTerminationSignal()
        service.stop()
    }

    private func validate(_ configuration: ServiceConfiguration) throws {
        guard (0...65535).contains(configuration.http.port) else { throw ValidationError("port must be 0-65535") }
        guard configuration.http.threads >= 1 else { throw ValidationError("threads must be at least 1") }
        guard configuration.http.connectionTimeoutSeconds >= 1 else { throw ValidationError("connection timeout must be at least 1 second") }
        guard configuration.http.maximumBodyBytes >= 1 else { throw ValidationError("max body bytes must be positive") }
        guard configuration.maximumWriteBatch >= 1 else { throw ValidationError("max write batch must be at least 1") }
        guard configuration.idempotencyRetentionSeconds >= 24 * 3600 else { throw ValidationError("idempotency keys are kept at least 24 hours") }
    }
}
