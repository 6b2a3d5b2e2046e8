import Foundation
import POEMSStorage
import Testing

/// Three `poemsd serve` processes on one PostgreSQL database, clients
/// spread over them: what one instance writes, every instance enforces and
/// shows.
@Suite(.enabled(if: TestEngine.isPostgres, "several instances need PostgreSQL")) struct MultiInstanceTests {
    /// A database with an admin key and three servers on it.
    final class Cluster: @unchecked Sendable {
        let database: TestDatabase
        let servers: [Process]
        let ports: [Int]
        let auth: [(String, String)]
        /// Each server's standard error (its log), collected as it comes.
        let logs: [LockedList]

        init(instances: Int = 3, database: TestDatabase? = nil) throws {
            let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
            let database = try database ?? TestDatabase()
            self.database = database
            let storage = try TestService.storage(database.location)
            auth = [("Authorization", "Bearer \(try storage.keys.create(name: "cluster-admin", role: .admin).token)")]
            storage.close()
            var servers: [Process] = [], ports: [Int] = [], logs: [LockedList] = []
            for _ in 0..<instances {
                let log = LockedList()
                let (server, port) = try ServerProcess.start(binary, database: database.location, log: log)
                servers.append(server)
                ports.append(port)
                logs.append(log)
            }
            self.logs = logs
            self.servers = servers
            self.ports = ports
        }

        /// The instance for the `index`th request: round robin, as a load balancer.
        func port(_ index: Int) -> Int { ports[index % ports.count] }

        func stop() {
            for server in servers {
                server.terminate()
                server.waitUntilExit()
            }
            database.remove()
        }
    }

    static func created(_ response: WireResponse) throws -> String {
        #expect(response.status == 201)
        return try #require(try response.json()["id"] as? String)
    }

    @Test func concurrentCreatesWithOneIdempotencyKeyYieldOneCase() throws {
        let cluster = try Cluster()
        defer { cluster.stop() }
        let ids = LockedList(), statuses = LockedList()
        let group = DispatchGroup()
        for index in 0..<24 {
            onThread(group) {
                guard let response = try? CaseAPITests.create(cluster.port(index), headers: cluster.auth + [("Idempotency-Key", "order-1")]) else { return }
                statuses.append("\(response.status)")
                if let id = try? response.json()["id"] as? String { ids.append(id) }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(statuses.values == Array(repeating: "201", count: 24))
        #expect(Set(ids.values).count == 1 && ids.values.count == 24, "one case, replayed to every retry")
        let listed = try fetch(cluster.port(1), "GET", "/v1/cases", headers: cluster.auth).json()["items"] as? [[String: Any]]
        #expect(listed?.count == 1)
    }

    @Test func concurrentPutsWithOneIfMatchYieldExactlyOneSuccess() throws {
        let cluster = try Cluster()
        defer { cluster.stop() }
        let created = try CaseAPITests.create(cluster.port(0), headers: cluster.auth)
        let id = try Self.created(created)
        let etag = try #require(created.header("ETag"))
        let statuses = LockedList()
        let group = DispatchGroup()
        for index in 0..<18 {
            onThread(group) {
                let body = #"{"note": "edit \#(index)", "findings": {"polyneuropathy": true}}"#
                if let response = try? fetch(cluster.port(index), "PUT", "/v1/cases/\(id)", json: body, headers: cluster.auth + [("If-Match", etag)]) {
                    statuses.append("\(response.status)")
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(statuses.values.filter { $0 == "200" }.count == 1, "\(statuses.values)")
        #expect(statuses.values.filter { $0 == "412" }.count == 17)
        let read = try fetch(cluster.port(2), "GET", "/v1/cases/\(id)", headers: cluster.auth).json()
        #expect(read["revision"] as? Int == 2)
    }

    /// The change feed read through every instance while all three insert:
    /// every page starts right after the cursor (a reader never sees a
    /// change before an earlier one has committed), and the whole walk sees
    /// each change once.
    @Test func aCursorWalkWhileAllThreeInsertSeesNoDuplicateAndNoGap() throws {
        let cluster = try Cluster()
        defer { cluster.stop() }
        let perInstance = 20
        let created = LockedList()
        let done = LockedFlag()
        let group = DispatchGroup()
        for instance in 0..<3 {
            onThread(group) {
                for _ in 0..<perInstance {
                    if let response = try? CaseAPITests.create(cluster.port(instance), headers: cluster.auth), response.status == 201,
                       let id = try? response.json()["id"] as? String { created.append(id) }
                }
            }
        }
        group.notify(queue: .global()) { done.set() }
        var seen: [Int] = [], ids: [String] = []
        var after = 0, request = 0
        while true {
            let finished = done.isSet
            let page = try fetch(cluster.port(request), "GET", "/v1/changes?after=\(after)&limit=7", headers: cluster.auth)
            request += 1
            #expect(page.status == 200)
            let items = try #require(try page.json()["items"] as? [[String: Any]])
            let seqs = items.compactMap { $0["seq"] as? Int }
            if let first = seqs.first { #expect(first == after + 1, "the page after \(after) starts at \(first)") }
            seen += seqs
            ids += items.compactMap { $0["caseId"] as? String }
            after = try #require(try page.json()["nextAfter"] as? Int)
            if finished && items.isEmpty { break }
        }
        #expect(created.values.count == 3 * perInstance)
        #expect(seen == Array(1...(3 * perInstance)), "every seq once, in order")
        #expect(Set(ids) == Set(created.values) && ids.count == created.values.count)
    }

    @Test func aListingETagChangesWhenAnyInstanceWrites() throws {
        let cluster = try Cluster()
        defer { cluster.stop() }
        _ = try Self.created(try CaseAPITests.create(cluster.port(0), headers: cluster.auth))
        let listing = try fetch(cluster.port(0), "GET", "/v1/cases", headers: cluster.auth)
        let tag = try #require(listing.header("ETag"))
        for instance in 0..<3 {
            #expect(try fetch(cluster.port(instance), "GET", "/v1/cases", headers: cluster.auth + [("If-None-Match", tag)]).status == 304)
        }
        for writer in 1..<3 {
            _ = try Self.created(try CaseAPITests.create(cluster.port(writer), headers: cluster.auth))
            for reader in 0..<3 {
                let moved = try fetch(cluster.port(reader), "GET", "/v1/cases", headers: cluster.auth + [("If-None-Match", tag)])
                #expect(moved.status == 200, "instance \(reader) sees the write of instance \(writer)")
                #expect(moved.header("ETag") != tag)
            }
        }
    }

    @Test func aLongPollOnOneInstanceIsWokenByAWriteOnAnother() throws {
        let cluster = try Cluster(instances: 2)
        defer { cluster.stop() }
        let connection = try TestConnection(port: cluster.port(0), timeoutSeconds: 30)
        let started = Date()
        try connection.send("GET", "/v1/changes?after=0&wait=20", headers: cluster.auth)
        let answered = LockedList()
        let group = DispatchGroup()
        let sendable = Unchecked(connection)
        onThread(group) {
            if let response = try? sendable.value.receive(), response.status == 200 { answered.append(response.text) }
        }
        // The poll is registered before the write lands or finds it at once: either way it answers with it.
        _ = try Self.created(try CaseAPITests.create(cluster.port(1), headers: cluster.auth))
        #expect(group.wait(timeout: .now() + 25) == .success)
        #expect(answered.values.first?.contains(#""kind":"created""#) == true)
        #expect(Date().timeIntervalSince(started) < 10, "woken by the other instance's write, not by the end of the wait")
    }
}
