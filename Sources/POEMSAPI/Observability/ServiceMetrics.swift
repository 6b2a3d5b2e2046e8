import HTTPServer
import POEMSCriteria
import POEMSStorage
import Prometheus
import Synchronization

/// The service's metrics in a swift-prometheus registry, one per service so
/// that several services in one process (the tests) keep their own counts;
/// served at `GET /metrics` with the process's own (``ProcessMetrics``).
/// Each family is registered with its `# HELP` text (``MetricFamily``),
/// the unlabelled ones and the denial reasons at start, so that they are
/// scraped at 0 before anything happens.
///
/// Labels carry route patterns, methods, statuses, verdicts, denial
/// reasons and the service version only: never a path, a patient reference
/// or a key.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `poemsd_http_requests_total` | counter | `route`, `method`, `status` |
/// | `poemsd_http_request_duration_seconds` | histogram | `route`, `method` |
/// | `poemsd_http_requests_in_flight` | gauge | |
/// | `poemsd_http_connections_open` | gauge | |
/// | `poemsd_http_requests_denied_total` | counter | `reason`: `unauthenticated` (401), `forbidden` (403), `rate-limited` (429) |
/// | `poemsd_audit_denials_unrecorded_total` | counter | (denials past the audit cap, ``DenialAuditGate``: counted and logged, not audited) |
/// | `poemsd_cases` | gauge | `criteria_set`, `verdict` (live cases, current revision) |
/// | `poemsd_case_commit_batch_size` | histogram | (writes per group commit: `_sum` writes, `_count` commits) |
/// | `poemsd_case_commit_duration_seconds` | histogram | (each group commit's transaction) |
/// | `poemsd_statistics_queries_total` | counter | (statistics computed for `poemsd_cases` and `/v1/stats`: ``StatisticsCache`` misses) |
/// | `poemsd_build_info` | gauge | `version` (always 1: ``ServiceVersion/current``) |
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// The server whose connections and requests in flight are reported;
    /// attached once it exists (it is built after its routes).
    private let server = Mutex<HTTPServer?>(nil)
    private let inFlight: Gauge
    private let connections: Gauge
    private let commitBatchSize: ValueHistogram
    private let commitDuration: DurationHistogram
    private let statisticsQueries: Counter
    private let unauditedDenials: Counter

    static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]
    static let batchSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
    static let denialReasons = [401: "unauthenticated", 403: "forbidden", 429: "rate-limited"]

    init() {
        inFlight = registry.makeGauge(descriptor: MetricFamily.requestsInFlight.descriptor)
        connections = registry.makeGauge(descriptor: MetricFamily.connectionsOpen.descriptor)
        commitBatchSize = registry.makeValueHistogram(descriptor: MetricFamily.commitBatchSize.descriptor, buckets: Self.batchSizeBuckets)
        commitDuration = registry.makeDurationHistogram(descriptor: MetricFamily.commitDuration.descriptor, buckets: Self.durationBuckets)
        statisticsQueries = registry.makeCounter(descriptor: MetricFamily.statisticsQueries.descriptor)
        unauditedDenials = registry.makeCounter(descriptor: MetricFamily.unauditedDenials.descriptor)
        for reason in Self.denialReasons.values {
            _ = registry.makeCounter(descriptor: MetricFamily.requestsDenied.descriptor, labels: [("reason", reason)])
        }
        registry.makeGauge(descriptor: MetricFamily.buildInfo.descriptor, labels: [("version", ServiceVersion.current)]).set(Int64(1))
    }

    func attach(_ server: HTTPServer) { self.server.withLock { $0 = server } }

    /// Records one group commit (the storage's commit observer).
    func recordCommit(writes: Int, duration: Duration) {
        commitBatchSize.record(Double(writes))
        commitDuration.record(duration)
    }

    /// Counts one statistics query (a ``StatisticsCache`` miss).
    func recordStatisticsQuery() {
        statisticsQueries.increment()
    }

    /// Counts one denied request that the audit cap kept out of the trail.
    func recordUnauditedDenial() {
        unauditedDenials.increment()
    }

    /// Counts one answered request (``MetricsMiddleware``).
    func record(_ request: CompletedRequest) {
        let status = String(request.status)
        registry.makeCounter(descriptor: MetricFamily.requests.descriptor,
                             labels: [("route", request.route), ("method", request.method), ("status", status)]).increment()
        registry.makeDurationHistogram(descriptor: MetricFamily.requestDuration.descriptor,
                                       labels: [("route", request.route), ("method", request.method)], buckets: Self.durationBuckets)
            .record(request.duration)
        if let reason = Self.denialReasons[request.status] {
            registry.makeCounter(descriptor: MetricFamily.requestsDenied.descriptor, labels: [("reason", reason)]).increment()
        }
    }

    /// Sets the gauges read at scrape time, then renders every metric in
    /// the Prometheus text format, the process's last.
    func render(statistics cache: StatisticsCache) throws -> [UInt8] {
        if let server = server.withLock({ $0 }) {
            inFlight.set(Int64(server.lifecycle.requestsInFlight))
            connections.set(Int64(server.openConnections))
        }
        let (statistics, _) = try cache.statistics()
        for set in CriteriaSetID.allCases {
            for verdict in Verdict.allCases {
                registry.makeGauge(descriptor: MetricFamily.cases.descriptor, labels: [("criteria_set", set.rawValue), ("verdict", verdict.rawValue)])
                    .set(Int64(statistics.verdicts[set.rawValue]?[verdict.rawValue] ?? 0))
            }
        }
        return registry.emitToBuffer() + (ProcessMetrics.current()?.exposition() ?? [])
    }
}
