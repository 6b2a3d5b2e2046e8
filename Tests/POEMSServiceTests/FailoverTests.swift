import Foundation
import Testing

/// The PostgreSQL server stopped (fast shutdown) under write load and
/// started again, on a cluster of the test's own: requests in flight
/// succeed or get a 503 with Retry-After, every acknowledged case is there
/// afterwards, and the instances recover without a restart.
@Suite(.enabled(if: TestEngine.isPostgres, "a PostgreSQL server to stop")) struct FailoverTests {
    static let clusterScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres-cluster.sh").path

    /// Runs scripts/postgres-cluster.sh COMMAND DIR/pg; its standard output
    /// (the URL for `start`), read apart from its standard error, where
    /// warnings go. The child is reaped here with waitpid: Foundation's
    /// `waitUntilExit` can miss a child's exit when many exit at once.
    static func cluster(_ command: String, _ directory: URL) throws -> String {
        let output = directory.appendingPathComponent("\(command).out").path
        let errors = directory.appendingPathComponent("\(command).err").path
        var pid: pid_t = 0
        let arguments = ["/bin/bash", "-c", #"exec "$0" "$1" "$2" > "$3" 2> "$4""#, clusterScript, command,
                         directory.appendingPathComponent("pg").path, output, errors]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ) == 0 else { throw TestClientError.malformed("cannot run \(clusterScript)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let warnings = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw TestClientError.malformed("postgres-cluster.sh \(command): \(text)\(warnings)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func ready(_ port: Int) -> Int? { try? fetch(port, "GET", "/readyz").status }

    @Test
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
        let recovered = acknowledged.waitFor(seconds: 30) { $0.count >= beforeRestart + 20 }
        #expect(recovered, "writes are acknowledged again after the restart; the instances' logs:\n\(instances.logs.map { $0.values.joined() }.joined(separator: "\n---\n"))")
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

    /// The database stops answering without closing anything (a network
    /// partition, or a server gone mid-query: connections stay open and
    /// nothing comes back). A write cut off just after its `BEGIN` is
    /// answered 503 saying nothing was saved, and nothing was. A write cut
    /// off just after its `COMMIT` reached the server (it committed; the
    /// answer never arrives) is answered 503 with Retry-After instead of
    /// holding its client (the connection is taken for dead after
    /// `workTimeout`, 5 s, inside the test client's 10 s), saying that it
    /// may or may not have been saved; readiness fails; once the network is
    /// back the instance serves again, and the client's retry with its key
    /// finds the case saved once.
    @Test func aWriteWhoseAnswerNeverComesIsAnswered503AndSavedOnceOnRetry() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let (proxy, through) = try TCPProxy.inFront(of: database.location)
        defer { proxy.stop() }
        let instance = try MultiInstanceTests.Cluster(instances: 1, database: TestDatabase(location: through))
        defer { instance.stop() }
        let port = instance.port(0)
        #expect(try CaseAPITests.create(port, headers: instance.auth).status == 201)

        // Cut off before its COMMIT: certainly not saved, and the 503 says so.
        proxy.freeze(afterRelaying: "BEGIN")
        let early = try CaseAPITests.create(port, headers: instance.auth + [("Idempotency-Key", "partition-0")])
        #expect(early.status == 503)
        #expect((try early.json()["detail"] as? String)?.contains("nothing was saved") == true)
        #expect(try TestSQL.count(database.location, "SELECT count(*) FROM cases") == 1)
        proxy.thaw()
        #expect(eventually(within: 30) { Self.ready(port) == 200 })

        // Cut off after its COMMIT reached the server.
        proxy.freeze(afterRelaying: "COMMIT")
        let key = [("Idempotency-Key", "partition-1")]
        let cutOff = try CaseAPITests.create(port, headers: instance.auth + key)
        #expect(cutOff.status == 503, "answered, not held: \(cutOff.status)")
        #expect(Int(cutOff.header("Retry-After") ?? "") != nil)
        let detail = try #require(try cutOff.json()["detail"] as? String)
        #expect(detail.contains("may or may not have been saved") && detail.contains("Idempotency-Key"), "never \"nothing was saved\": \(detail)")
        // The server has it (read past the relay): committed, never acknowledged.
        #expect(try TestSQL.count(database.location, "SELECT count(*) FROM cases") == 2)
        #expect(eventually(within: 30) { Self.ready(port) == 503 })

        proxy.thaw()
        #expect(eventually(within: 30) { Self.ready(port) == 200 })
        // The retry replays it: one case for the key.
        let retried = try CaseAPITests.create(port, headers: instance.auth + key)
        #expect(retried.status == 201)
        let again = try CaseAPITests.create(port, headers: instance.auth + key)
        #expect(try again.json()["id"] as? String == retried.json()["id"] as? String)
        #expect(try TestSQL.count(database.location, "SELECT count(*) FROM cases") == 2)
    }
}
