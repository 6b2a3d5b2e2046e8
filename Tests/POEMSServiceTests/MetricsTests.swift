import Foundation
import POEMSAPI
import Testing

/// `GET /metrics`, end to end, parsed by a real Prometheus parser
/// (`prometheus_client.parser` from PyPI, in the virtual environment
/// `scripts/python-venv.sh` makes): counters move with the requests made.
@Suite struct MetricsTests {
    /// One sample: metric name, labels, value.
    struct Sample: Decodable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// The samples of the metrics text, as prometheus_client parses them.
    static func parse(_ text: String, in directory: URL) throws -> [Sample] {
        let file = directory.appendingPathComponent("metrics-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        let result = try runProcess(pythonTools(), ["-c", """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            samples = [{"name": s.name, "labels": s.labels, "value": s.value}
                       for family in text_string_to_metric_families(open(sys.argv[1]).read()) for s in family.samples]
            print(json.dumps(samples))
            """, file.path])
        #expect(result.status == 0, "prometheus_client: \(result.output)")
        return try JSONDecoder().decode([Sample].self, from: Data(result.output.utf8))
    }

    /// The sum of the samples named `name` whose labels include `labels`.
    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }.reduce(0) { $0 + $1.value }
    }

    @Test func countersMoveWithRequestsAndLabelsCarryNoIdentifiers() throws {
        try withService { service in
            let before = try Self.parse(try fetch(service.port, "GET", "/metrics").text, in: service.directory)
            let evaluations = ["route": "/v1/evaluations", "method": "POST", "status": "200"]
            for _ in 0..<3 {
                #expect(try fetch(service.port, "POST", "/v1/evaluations", json: EvaluationAPITests.fullWorkup).status == 200)
            }
            #expect(try fetch(service.port, "GET", "/v1/criteria", headers: [("Authorization", "Bearer nope")]).status == 401)
            let patientRef = "MRN-METRICS-4711"
            let created = try fetch(service.port, "POST", "/v1/cases", json: #"{"patientRef": "\#(patientRef)", "findings": {"polyneuropathy": true}}"#)
            #expect(created.status == 201)
            let caseID = try #require(try created.json()["id"] as? String)
            #expect(try fetch(service.port, "GET", "/v1/cases/\(caseID)").status == 200)

            let response = try fetch(service.port, "GET", "/metrics")
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let after = try Self.parse(response.text, in: service.directory)

            #expect(Self.value(after, "poemsd_http_requests_total", evaluations) - Self.value(before, "poemsd_http_requests_total", evaluations) == 3)
            let latency = ["route": "/v1/evaluations", "method": "POST"]
            #expect(Self.value(after, "poemsd_http_request_duration_seconds_count", latency) == 3)
            #expect(Self.value(after, "poemsd_http_request_duration_seconds_bucket", latency.merging(["le": "+Inf"]) { a, _ in a }) == 3)
            #expect(Self.value(after, "poemsd_http_requests_denied_total", ["reason": "unauthenticated"]) == 1)
            // The case is counted under its verdict in each set; its write (and the read's audit event) under the writer.
            #expect(Self.value(after, "poemsd_cases", ["criteria_set": "imwg-2014"]) == 1)
            #expect(Self.value(after, "poemsd_case_commit_batch_size_sum") >= 1)
            #expect(Self.value(after, "poemsd_case_commit_batch_size_count") >= 1)
            #expect(Self.value(after, "poemsd_case_commit_duration_seconds_count") == Self.value(after, "poemsd_case_commit_batch_size_count"))
            // The scrape itself is in flight on an open connection.
            #expect(Self.value(after, "poemsd_http_requests_in_flight") >= 1)
            #expect(Self.value(after, "poemsd_http_connections_open") >= 1)
            // Route patterns, never paths; no patient reference, case id or key.
            #expect(Self.value(after, "poemsd_http_requests_total", ["route": "/v1/cases/{id}", "method": "GET", "status": "200"]) == 1)
            for secret in [patientRef, caseID, service.adminToken ?? "-", "nope"] {
                #expect(!response.text.contains(secret), "\(secret) in /metrics")
            }
        }
    }

    /// A `poemsd serve` process after some traffic: `promtool check metrics`
    /// finds no problem in its `/metrics` (a family without `# HELP` is one),
    /// and the process metrics and `poemsd_build_info` describe that process.
    @Test func aServerProcessPassesPromtoolWithItsProcessAndVersion() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let checker = try promtool()
        let before = Date().timeIntervalSince1970
        let database = try TestDatabase()
        defer { database.remove() }
        let storage = try TestService.storage(database.location)
        let token = try storage.keys.create(name: "metrics-admin", role: .admin).token
        storage.close()
        let server = try RunningServer(binary, database: database.location)
        defer { server.stop() }
        let auth = [("Authorization", "Bearer \(token)")]
        let patientRef = "MRN-PROMTOOL-0815"
        #expect(try fetch(server.port, "POST", "/v1/evaluations", json: EvaluationAPITests.fullWorkup, headers: auth).status == 200)
        #expect(try fetch(server.port, "POST", "/v1/cases", json: #"{"patientRef": "\#(patientRef)", "findings": {"polyneuropathy": true}}"#, headers: auth).status == 201)
        #expect(try fetch(server.port, "GET", "/v1/cases/no-such-case", headers: auth).status == 404)
        #expect(try fetch(server.port, "GET", "/v1/criteria", headers: [("Authorization", "Bearer poemsd_unknown")]).status == 401)
        #expect(try fetch(server.port, "GET", "/no-such-route").status == 404)
        let version = try #require(try fetch(server.port, "GET", "/healthz").json()["version"] as? String)

        let response = try fetch(server.port, "GET", "/metrics")
        let after = Date().timeIntervalSince1970
        #expect(response.status == 200)
        let lint = try runProcess(checker, ["check", "metrics"], input: Data(response.body))
        #expect(lint.status == 0 && lint.output.isEmpty, "promtool check metrics: \(lint.output)")
        for secret in [patientRef, token] { #expect(!response.text.contains(secret), "\(secret) in /metrics") }

        let samples = try Self.parse(response.text, in: database.directory)
        let resident = Self.value(samples, "process_resident_memory_bytes")
        #expect(resident > 0)
        #expect(Self.value(samples, "process_virtual_memory_bytes") >= resident)
        #expect(Self.value(samples, "process_cpu_seconds_total") > 0)
        let open = Self.value(samples, "process_open_fds")
        #expect(open >= 3 && open <= Self.value(samples, "process_max_fds"))
        // Started within this test: after `before`, less the kernel's tick (at most 10 ms) in rounding.
        let start = Self.value(samples, "process_start_time_seconds")
        #expect(start >= before - 0.1 && start <= after, "started at \(start), test ran \(before)...\(after)")
        let builds = samples.filter { $0.name == "poemsd_build_info" }
        #expect(builds.count == 1)
        #expect(builds.first?.labels == ["version": version] && builds.first?.value == 1)
        #expect(version == ServiceVersion.current)
    }
}

/// `promtool`, Prometheus's own checker (Debian's `prometheus` package;
/// `scripts/install-dependencies.sh --test` installs it).
func promtool() throws -> String {
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
    guard let path = directories.map({ $0 + "/promtool" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
        throw TestClientError.malformed("promtool is missing: install the prometheus package (scripts/install-dependencies.sh --test)")
    }
    return path
}

/// The python3 of the virtual environment `scripts/python-venv.sh` makes.
func pythonTools() throws -> String {
    let path = TestService.fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/python-venv/bin/python3").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw TestClientError.malformed("\(path) is missing: run scripts/python-venv.sh (scripts/test.sh does)")
    }
    return path
}
