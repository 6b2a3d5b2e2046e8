import Prometheus

/// A metric family of `GET /metrics`: its name and the text of its
/// `# HELP` line, which every family has (`promtool check metrics` holds
/// the output to it).
struct MetricFamily: Sendable {
    let name: String
    let help: String

    var descriptor: MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }

    static let requests = MetricFamily(
        name: "poemsd_http_requests_total", help: "HTTP requests answered, by route pattern (or unmatched), method and status.")
    static let requestDuration = MetricFamily(
        name: "poemsd_http_request_duration_seconds", help: "Time from a request's head to its response being queued, by route pattern and method.")
    static let requestsInFlight = MetricFamily(
        name: "poemsd_http_requests_in_flight", help: "Requests being handled now.")
    static let connectionsOpen = MetricFamily(
        name: "poemsd_http_connections_open", help: "Client connections open now.")
    static let requestsDenied = MetricFamily(
        name: "poemsd_http_requests_denied_total", help: "Requests refused: unauthenticated (401), forbidden (403) or rate-limited (429).")
    static let unauditedDenials = MetricFamily(
        name: "poemsd_audit_denials_unrecorded_total", help: "Denied requests past the audit cap: counted and logged, not audited.")
    static let cases = MetricFamily(
        name: "poemsd_cases", help: "Live cases by criteria set and the verdict of their current revision.")
    static let commitBatchSize = MetricFamily(
        name: "poemsd_case_commit_batch_size", help: "Writes (cases and audit events) per group commit.")
    static let commitDuration = MetricFamily(
        name: "poemsd_case_commit_duration_seconds", help: "Duration of each group commit's transaction, including its sync to disk.")
    static let statisticsQueries = MetricFamily(
        name: "poemsd_statistics_queries_total", help: "Statistics queries run for poemsd_cases and GET /v1/stats (cache misses).")
    static let buildInfo = MetricFamily(
        name: "poemsd_build_info", help: "The poemsd version serving, as the version label; always 1.")
}
