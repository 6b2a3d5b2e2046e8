import HTTPServer
import POEMSStorage

/// `GET /metrics`: ``ServiceMetrics`` in the Prometheus text format.
///
/// Open, like `/healthz`: it holds aggregate counts only (no patient
/// reference, path or key in any label), and a Prometheus scraper should
/// not need a key that could read cases. On a worker, as every route that
/// reads the database (it counts cases, through ``StatisticsCache``, so
/// that scraping does not cost more as cases accumulate).
enum MetricsRoutes {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func register(in router: inout Router, metrics: ServiceMetrics, statistics: StatisticsCache) {
        router.get("/metrics", options: RouteOptions(cacheControl: "no-store")) { _, _ in
            HTTPResponse(status: 200, headers: ["Content-Type": contentType], body: try metrics.render(statistics: statistics))
        }
    }
}
