import CoreMetrics
import HTTPServer
import POEMSCriteria
import POEMSStorage
import Prometheus
import Synchronization

/// The service's metrics, through swift-metrics with a Prometheus backend
/// (swift-prometheus), one registry per service so that several services in
/// one process (the tests) keep their own counts. Served at `GET /metrics`.
///
/// Labels carry route patterns, methods, statuses, verdicts and denial
/// reasons only: never a path, a patient reference or a key.
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
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    /// The server whose connections and requests in flight are reported;
    /// attached once it exists (it is built after its routes).
    private let server = Mutex<HTTPServer?>(nil)

    static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        factory.valueHistogramBuckets["poemsd_case_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        self.factory = factory
    }

    func attach(_ server: HTTPServer) { self.server.withLock { $0 = server } }

    /// Records one group commit (the storage's commit observer).
    func recordCommit(writes: Int, duration: Duration) {
        Recorder(label: "poemsd_case_commit_batch_size", factory: factory).record(writes)
        Timer(label: "poemsd_case_commit_duration_seconds", factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Counts one statistics query (a ``StatisticsCache`` miss).
    func recordStatisticsQuery() {
        Counter(label: "poemsd_statistics_queries_total", factory: factory).increment()
    }

    /// Counts one denied request that the audit cap kept out of the trail.
    func recordUnauditedDenial() {
        Counter(label: "poemsd_audit_denials_unrecorded_total", factory: factory).increment()
    }

    /// Counts one answered request (``MetricsMiddleware``).
    func record(_ request: CompletedRequest) {
        let status = String(request.status)
        Counter(label: "poemsd_http_requests_total",
                dimensions: [("route", request.route), ("method", request.method), ("status", status)], factory: factory).increment()
        Timer(label: "poemsd_http_request_duration_seconds",
              dimensions: [("route", request.route), ("method", request.method)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(request.duration))
        let reason: String? = switch request.status {
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 429: "rate-limited"
        default: nil
        }
        if let reason {
            Counter(label: "poemsd_http_requests_denied_total", dimensions: [("reason", reason)], factory: factory).increment()
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    /// Sets the gauges read at scrape time, then renders every metric in
    /// the Prometheus text format.
    func render(statistics cache: StatisticsCache) throws -> [UInt8] {
        if let server = server.withLock({ $0 }) {
            Gauge(label: "poemsd_http_requests_in_flight", factory: factory).record(server.lifecycle.requestsInFlight)
            Gauge(label: "poemsd_http_connections_open", factory: factory).record(server.openConnections)
        }
        let (statistics, _) = try cache.statistics()
        for set in CriteriaSetID.allCases {
            for verdict in Verdict.allCases {
                Gauge(label: "poemsd_cases", dimensions: [("criteria_set", set.rawValue), ("verdict", verdict.rawValue)], factory: factory)
                    .record(statistics.verdicts[set.rawValue]?[verdict.rawValue] ?? 0)
            }
        }
        return registry.emitToBuffer()
    }
}
