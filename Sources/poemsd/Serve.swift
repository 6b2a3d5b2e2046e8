import ArgumentParser
import Foundation
import POEMSAPI
import POEMSStorageEngines

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
    @Option(help: "Seconds a client has to send the request line and headers; 0 = none. [env: POEMSD_HEADER_TIMEOUT] (default: 10)")
    var headerTimeout: Int?
    @Option(help: "Least request body rate in bytes per second, after --header-timeout; 0 = none. [env: POEMSD_MIN_BODY_RATE] (default: 1024)")
    var minBodyRate: Int?
    @Option(help: "Largest request body in bytes. [env: POEMSD_MAX_BODY_BYTES] (default: 1048576)")
    var maxBodyBytes: Int?
    @Option(help: "Largest FHIR Bundle (application/fhir+json) in bytes, instead of --max-body-bytes. [env: POEMSD_MAX_FHIR_BODY_BYTES] (default: 16777216)")
    var maxFhirBodyBytes: Int?
    @Option(help: "Seconds readiness fails before the listener closes, on SIGTERM. [env: POEMSD_SHUTDOWN_GRACE] (default: 0)")
    var shutdownGrace: Int?
    @Option(help: "Seconds in-flight requests may take to finish, on SIGTERM. [env: POEMSD_DRAIN_TIMEOUT] (default: 10)")
    var drainTimeout: Int?
    @Option(help: "Most case writes committed in one transaction; 1 commits each on its own. [env: POEMSD_MAX_WRITE_BATCH] (default: 256)")
    var maxWriteBatch: Int?
    @Option(help: "Hours an Idempotency-Key is remembered, at least 24. [env: POEMSD_IDEMPOTENCY_HOURS] (default: 24)")
    var idempotencyHours: Int?
    // Abuse limits.
    @Option(help: "Longest request target (path and query) in bytes; 414 above. [env: POEMSD_MAX_URL_BYTES] (default: 8192)")
    var maxUrlBytes: Int?
    @Option(help: "Largest total of the request header fields in bytes; 431 above. [env: POEMSD_MAX_HEADER_BYTES] (default: 32768)")
    var maxHeaderBytes: Int?
    @Option(help: "Deepest nesting of arrays and objects in a JSON body; 400 above. [env: POEMSD_MAX_JSON_DEPTH] (default: 32)")
    var maxJsonDepth: Int?
    @Option(help: "Longest string in a JSON body, in bytes; 400 above. [env: POEMSD_MAX_JSON_STRING_BYTES] (default: 10000)")
    var maxJsonStringBytes: Int?
    @Option(help: "Most connections from one client address; 0 = no limit. [env: POEMSD_MAX_CONNECTIONS_PER_CLIENT] (default: 128; 0 with --trusted-proxy)")
    var maxConnectionsPerClient: Int?
    @Option(help: "Requests per minute per API key; 0 = off. [env: POEMSD_RATE_LIMIT] (default: 600)")
    var rateLimit: Int?

    @Flag(name: .customLong("no-bootstrap-key"), help: "Do not create an admin key on a start with none. [env: POEMSD_NO_BOOTSTRAP_KEY]")
    var noBootstrapKey = false
    @Flag(name: .customLong("no-migrate"), help: "Refuse to start with pending migrations instead of applying them. [env: POEMSD_NO_MIGRATE]")
    var noMigrate = false

    @Option(help: "Headline criteria set when a request names none: dispenzieri-2003, imwg-2014 or suichi-2019. [env: POEMSD_DEFAULT_CRITERIA] (default: imwg-2014)")
    var defaultCriteria: String?

    @OptionGroup var network: NetworkOptions
    @OptionGroup var clinical: ClinicalOptions
    @OptionGroup var storage: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var cds: CDSOptions
    @OptionGroup var workup: WorkupOptions

    func run() throws {
        let logger = try logging.bootstrap()
        var configuration = ServiceConfiguration()
        configuration.http.host = host ?? Environment.string("POEMSD_HOST") ?? configuration.http.host
        configuration.http.port = try port ?? Environment.int("POEMSD_PORT") ?? configuration.http.port
        configuration.http.threads = try threads ?? Environment.int("POEMSD_THREADS") ?? configuration.http.threads
        configuration.http.connectionLimit = try maxConnections ?? Environment.int("POEMSD_MAX_CONNECTIONS") ?? configuration.http.connectionLimit
        configuration.http.connectionTimeoutSeconds = try connectionTimeout ?? Environment.int("POEMSD_CONNECTION_TIMEOUT") ?? configuration.http.connectionTimeoutSeconds
        configuration.http.headerTimeoutSeconds = try headerTimeout ?? Environment.int("POEMSD_HEADER_TIMEOUT") ?? configuration.http.headerTimeoutSeconds
        configuration.http.minimumBodyBytesPerSecond = try minBodyRate ?? Environment.int("POEMSD_MIN_BODY_RATE") ?? configuration.http.minimumBodyBytesPerSecond
        configuration.http.maximumBodyBytes = try maxBodyBytes ?? Environment.int("POEMSD_MAX_BODY_BYTES") ?? configuration.http.maximumBodyBytes
        configuration.maximumFHIRBodyBytes = try maxFhirBodyBytes ?? Environment.int("POEMSD_MAX_FHIR_BODY_BYTES") ?? configuration.maximumFHIRBodyBytes
        // Abuse limits.
        configuration.http.maximumURLBytes = try maxUrlBytes ?? Environment.int("POEMSD_MAX_URL_BYTES") ?? configuration.http.maximumURLBytes
        configuration.http.maximumHeaderBytes = try maxHeaderBytes ?? Environment.int("POEMSD_MAX_HEADER_BYTES") ?? configuration.http.maximumHeaderBytes
        configuration.http.jsonLimits.maximumDepth = try maxJsonDepth ?? Environment.int("POEMSD_MAX_JSON_DEPTH") ?? configuration.http.jsonLimits.maximumDepth
        configuration.http.jsonLimits.maximumStringBytes = try maxJsonStringBytes ?? Environment.int("POEMSD_MAX_JSON_STRING_BYTES") ?? configuration.http.jsonLimits.maximumStringBytes
        configuration.requestsPerMinutePerKey = try rateLimit ?? Environment.int("POEMSD_RATE_LIMIT") ?? configuration.requestsPerMinutePerKey
        try network.apply(to: &configuration.http)
        // Behind a proxy every client shares its address: no per-address limit unless asked for.
        configuration.http.perClientConnectionLimit = try maxConnectionsPerClient ?? Environment.int("POEMSD_MAX_CONNECTIONS_PER_CLIENT")
            ?? (configuration.http.trustedProxies.isEmpty ? configuration.http.perClientConnectionLimit : 0)
        guard configuration.http.maximumURLBytes >= 256, configuration.http.maximumHeaderBytes >= 1024 else {
            throw ValidationError("max URL bytes must be at least 256 and max header bytes at least 1024")
        }
        guard configuration.http.jsonLimits.maximumDepth >= 1, configuration.http.jsonLimits.maximumStringBytes >= 1 else {
            throw ValidationError("max JSON depth and max JSON string bytes must be positive")
        }
        guard configuration.http.perClientConnectionLimit >= 0, configuration.requestsPerMinutePerKey >= 0 else {
            throw ValidationError("max connections per client and rate limit must be 0 (off) or positive")
        }
        configuration.shutdownGracePeriod = .seconds(try shutdownGrace ?? Environment.int("POEMSD_SHUTDOWN_GRACE") ?? 0)
        configuration.drainTimeout = .seconds(try drainTimeout ?? Environment.int("POEMSD_DRAIN_TIMEOUT") ?? 10)
        configuration.migrateOnStart = !(try noMigrate || (Environment.bool("POEMSD_NO_MIGRATE") ?? false))
        configuration.defaultCriteriaSet = try clinical.defaultCriteriaSet(defaultCriteria)
        configuration.evaluation = try clinical.settings()
        configuration.maximumWriteBatch = try maxWriteBatch ?? Environment.int("POEMSD_MAX_WRITE_BATCH") ?? configuration.maximumWriteBatch
        configuration.idempotencyRetentionSeconds = 3600 * (try idempotencyHours ?? Environment.int("POEMSD_IDEMPOTENCY_HOURS") ?? 24)
        configuration.createBootstrapKey = !(try noBootstrapKey || (Environment.bool("POEMSD_NO_BOOTSTRAP_KEY") ?? false))
        configuration.databasePath = storage.databasePath
        configuration.migrationsDirectory = storage.migrationsDirectory
        try cds.apply(to: &configuration.cds)
        try workup.apply(to: &configuration.workup)
        try validate(configuration)

        let service = try Service(configuration: configuration, logger: logger, openStorage: StorageEngine.open)
        // Caught from before the port is announced: a SIGTERM right after it is not lost.
        let termination = TerminationSignal()
        if let token = try service.start() {
            // Shown once, on standard output, never logged.
            FileHandle.standardOutput.write(Data("""
                poemsd: no API key was active, so an admin key was created (see `poemsd keys list`).
                Its token is shown this once (only its hash is stored):

                    \(token)

                Try:  curl -H 'Authorization: Bearer \(token)' \(configuration.http.tls == nil ? "http" : "https")://\(configuration.http.host):\(service.port)/v1/criteria
                Then create a key per integration (poemsd keys create --name NAME --role viewer|reader|writer|admin)
                and revoke this one (poemsd keys revoke NAME).

                """.utf8))
        }
        termination.wait()
        logger.info("termination signal received")
        service.stop()
    }

    private func validate(_ configuration: ServiceConfiguration) throws {
        guard (0...65535).contains(configuration.http.port) else { throw ValidationError("port must be 0-65535") }
        guard configuration.http.threads >= 1 else { throw ValidationError("threads must be at least 1") }
        guard configuration.http.connectionTimeoutSeconds >= 1 else { throw ValidationError("connection timeout must be at least 1 second") }
        guard configuration.http.headerTimeoutSeconds >= 0, configuration.http.minimumBodyBytesPerSecond >= 0 else {
            throw ValidationError("header timeout and minimum body rate must be 0 (off) or positive")
        }
        guard configuration.http.maximumBodyBytes >= 1, configuration.maximumFHIRBodyBytes >= 1 else {
            throw ValidationError("max body bytes and max FHIR body bytes must be positive")
        }
        guard configuration.maximumWriteBatch >= 1 else { throw ValidationError("max write batch must be at least 1") }
        guard configuration.idempotencyRetentionSeconds >= 24 * 3600 else { throw ValidationError("idempotency keys are kept at least 24 hours") }
    }
}
