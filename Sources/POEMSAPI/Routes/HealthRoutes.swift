import HTTPServer
import POEMSStorage

/// `GET /healthz` (the process answers) and `GET /readyz` (it can serve:
/// the database answers, every migration is applied, and it is not shutting
/// down), in the `application/health+json` format.
enum HealthRoutes {
    static let mediaType = "application/health+json"

    struct Health: Encodable {
        var status: String
        var version: String?
        var checks: [String: [Check]]?
        var description: String?
    }

    struct Check: Encodable {
        var status: String
        var output: String?
    }

    static func register(in router: inout Router, storage: any Storage, lifecycle: ServerLifecycle) {
        // Liveness answers on the polling thread: it must answer even when every worker is busy.
        let alive = try? HTTPResponse.json(Health(status: "pass", version: ServiceVersion.current, description: "poemsd process is running"),
                                           contentType: mediaType)
        router.get("/healthz", options: RouteOptions(cacheControl: "no-store", runsOnPollingThread: true)) { _, _ in
            alive ?? HTTPResponse(status: 200)
        }
        // Readiness reads the database: on a worker.
        router.get("/readyz", options: RouteOptions(cacheControl: "no-store")) { _, _ in
            var checks: [String: [Check]] = [:]
            checks["lifecycle"] = [lifecycle.isShuttingDown ? Check(status: "fail", output: "shutting down") : Check(status: "pass")]
            checks["database"] = [storage.unreadiness().map { Check(status: "fail", output: $0) } ?? Check(status: "pass")]
            let ready = checks.values.allSatisfy { $0.allSatisfy { $0.status == "pass" } }
            return try .json(Health(status: ready ? "pass" : "fail", checks: checks), status: ready ? 200 : 503, contentType: mediaType)
        }
    }
}
