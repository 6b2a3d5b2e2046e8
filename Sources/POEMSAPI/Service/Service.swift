import Dispatch
import Foundation
import HTTPServer
import Logging
import POEMSClinical
import POEMSStorage
#if canImport(Glibc)
import Glibc
#endif

/// The running service: the database, the routes and the HTTP server.
///
/// ```swift
/// let service = try Service(configuration: configuration, logger: logger, openStorage: StorageEngine.open)
/// let termination = TerminationSignal()   // before listening: no signal is lost
/// try service.start()
/// termination.wait()                      // SIGTERM or SIGINT
/// service.stop()
/// ```
public final class Service: Sendable {
    public let configuration: ServiceConfiguration
    public let server: HTTPServer
    /// Cases, keys and the audit trail; case writes and their audit events
    /// go through its group-commit writer.
    public let storage: any Storage
    let logger: Logger
    let changeWaiters: ChangeWaiters

    /// Opens the database with `openStorage` (the engine's choice,
    /// `StorageEngine.open(_:logger:)` of POEMSStorageEngines: this module
    /// sees only the storage contract) and checks (or applies) its
    /// migrations; nothing listens yet.
    public init(configuration: ServiceConfiguration, logger: Logger,
                openStorage: (StorageOpening, Logger) throws -> (storage: any Storage, applied: [Migration])) throws {
        self.configuration = configuration
        self.logger = logger
        let (storage, applied) = try openStorage(configuration.storageOpening, logger)
        if !applied.isEmpty { logger.info("migrations applied", metadata: ["count": "\(applied.count)"]) }
        // Each applied migration is an administrative act in the audit chain.
        let run = "serve-" + UUID().uuidString.lowercased()
        for migration in applied {
            try storage.audit.appendAndWait(AdministrativeAudit.event(actor: AdministrativeAudit.commandLineActor(), action: "migration.apply",
                                                                      route: "poemsd serve: \(migration.name)", requestID: run))
        }
        self.storage = storage
        let lifecycle = ServerLifecycle()
        let metrics = ServiceMetrics()
        storage.observeCommits { metrics.recordCommit(writes: $0, duration: $1) }
        // The engine's result code and its generic message: never statements or values.
        storage.observeFailures { failure in
            logger.error("storage write failed", metadata: ["engine": "\(failure.engine)", "code": "\(failure.code ?? "none")", "reason": "\(failure.summary)"])
        }
        let denials = DenialAuditGate(perMinute: configuration.auditedDenialsPerMinute,
                                      perClientPerMinute: configuration.auditedDenialsPerMinutePerClient) { metrics.recordUnauditedDenial() }
        var open = Router()
        Self.addMiddleware(to: &open, configuration: configuration, storage: storage, metrics: metrics, denials: denials)
        // Open: health, readiness, the API description and the metrics.
        HealthRoutes.register(in: &open, storage: storage, lifecycle: lifecycle)
        OpenAPIRoutes.register(in: &open)
        DashboardRoutes.register(in: &open)
        CriteriaPageRoutes.register(in: &open)
        let statistics = StatisticsCache(cases: storage.cases, cds: storage.cds, maximumAge: configuration.statisticsMaximumAge) {
            metrics.recordStatisticsQuery()
        }
        MetricsRoutes.register(in: &open, metrics: metrics, statistics: statistics)
        var router = ProtectedRouter(router: open)
        try EvidenceRoutes.register(in: &router)
        let evaluation = EvaluationService(settings: configuration.evaluation, defaultCriteriaSet: configuration.defaultCriteriaSet)
        try CriteriaRoutes.register(in: &router, defaultCriteriaSet: configuration.defaultCriteriaSet)
        let terminology = TerminologyCatalog(store: storage.terminology)
        EvaluationRoutes.register(in: &router, service: evaluation, terminology: terminology, maximumFHIRBodyBytes: configuration.maximumFHIRBodyBytes)
        CaseRoutes.register(in: &router, store: storage.cases, service: evaluation, terminology: terminology,
                            maximumFHIRBodyBytes: configuration.maximumFHIRBodyBytes)
        TerminologyRoutes.register(in: &router, catalog: terminology)
        StatsRoutes.register(in: &router, cache: statistics)
        let changeWaiters = ChangeWaiters(store: storage.cases, lifecycle: lifecycle)
        self.changeWaiters = changeWaiters
        ChangeRoutes.register(in: &router, store: storage.cases, waiters: changeWaiters)
        AuditRoutes.register(in: &router, audit: storage.audit)
        // The work-up page, and its capability links from the CDS cards: no API key.
        let workupLinks = WorkupLinks(configuration: configuration.workup, store: storage.cds, publicURL: configuration.cds.publicURL ?? "")
        WorkupRoutes.register(in: &router.router, links: workupLinks, evaluation: evaluation)
        // CDS Hooks: authorized by the EHR's signed JWT, not by API keys.
        CDSRoutes.register(in: &router.router, context: CDSRoutes.Context(
            evaluation: evaluation, terminology: terminology,
            verifier: try CDSTokenVerifier(configuration: configuration.cds, store: storage.cds),
            store: storage.cds, audit: storage.audit, denials: denials, publicURL: configuration.cds.publicURL ?? "",
            feedbackStored: { statistics.invalidate() }, cards: CDSCardIdentifier(store: storage.cds), workupLinks: workupLinks))
        server = HTTPServer(configuration: configuration.http, router: router.router, lifecycle: lifecycle, logger: logger)
        metrics.attach(server)
    }

    /// The request path, outermost first (docs/architecture.md, "Request path").
    private static func addMiddleware(to router: inout Router, configuration: ServiceConfiguration, storage: any Storage,
                                      metrics: ServiceMetrics, denials: DenialAuditGate) {
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: LogRequestsMiddleware())
        router.add(middleware: MetricsMiddleware { metrics.record($0) })
        router.add(middleware: AuditMiddleware(audit: storage.audit, denials: denials))
        router.add(middleware: CDSHooksMiddleware())
        router.add(middleware: StorageErrorsMiddleware())
        router.add(middleware: AuthenticationMiddleware(keys: storage.keys))
        if let limiter = configuration.makeRateLimiter() {
            router.add(middleware: RateLimitMiddleware(limiter, policy: ServiceConfiguration.rateLimitPolicy) { _, context in context.principal?.keyName })
        }
        if let limiter = configuration.workup.makeRateLimiter() {
            router.add(middleware: RateLimitMiddleware(limiter, policy: WorkupRoutes.rateLimitPolicy) { _, context in
                context.route == WorkupRoutes.capabilityEvaluationsPath ? context.remoteAddress ?? "unknown" : nil
            })
        }
        router.add(middleware: QueryParametersMiddleware())
        router.add(middleware: CacheControlMiddleware())
        router.add(middleware: ConditionalRequestMiddleware())
    }

    /// Starts listening. When no API key is active (a first start, or every
    /// key revoked) and `createBootstrapKey` is set, creates an admin key
    /// once listening succeeded, and returns its token, to show once.
    @discardableResult
    public func start() throws -> String? {
        try server.start()
        let keys = storage.keys
        guard configuration.createBootstrapKey, try !keys.hasActiveKeys() else { return nil }
        let taken = Set(try keys.list().map(\.name))
        var name = "bootstrap-admin", suffix = 1
        while taken.contains(name) {
            suffix += 1
            name = "bootstrap-admin-\(suffix)"
        }
        let token: String
        do { token = try keys.create(name: name, role: .admin).token } catch APIKeyError.duplicateName {
            // Another instance on the same (PostgreSQL) database made it at the same moment, and showed its token.
            return nil
        }
        logger.notice("created an admin key because none was active", metadata: ["key": "\(name)"])
        return token
    }

    /// Long polls of the change feed waiting now.
    public var longPollsWaiting: Int { changeWaiters.count }

    /// The port being listened on.
    public var port: Int { server.port }

    /// Graceful stop: readiness fails, then the grace period, then drain;
    /// then the writes still queued are committed.
    public func stop() {
        server.shutdown(gracePeriod: configuration.shutdownGracePeriod, drainTimeout: configuration.drainTimeout)
        storage.close()
        let writes = storage.writeStatistics
        logger.info("case store closed", metadata: ["writes": "\(writes.writes)", "commits": "\(writes.commits)"])
    }
}
