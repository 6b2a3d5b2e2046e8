import Dispatch
import HTTPServer
import POEMSStorage

/// `GET /metrics`: ``ServiceMetrics`` in the Prometheus text format.
///
/// Open, like `/healthz`: it holds aggregate counts only (no patient
/// reference, path or key in any label), and a Prometheus scraper should
/// not need a key that could read cases. Deferred: counting cases reads
/// the database, which never happens on a polling thread.
enum MetricsRoutes {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func register(in router: inout Router, metrics: ServiceMetrics, storage: any Storage) {
        router.add("GET", "/metrics", .deferred { _, _, sink in
            DispatchQueue.global().async {
                sink.complete(Result {
                    var response = HTTPResponse(status: 200, body: try metrics.render(storage: storage))
                    response.headers.set("Content-Type", contentType)
                    response.headers.set("Cache-Control", "no-store")
                    return response
                })
            }
        })
    }
}
