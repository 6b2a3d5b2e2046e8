import Foundation
import GRDB
import Testing

/// The database file removed, replaced or made immutable under the real
/// `poemsd`, over real sockets: no write is acknowledged that is not in the
/// file the server had open, writes are refused with 503
/// `storage-unavailable` and `Retry-After`, readiness fails, no database
/// is created at the path, and the process stays up.
@Suite(.enabled(if: TestEngine.isSQLite, "faults of the SQLite file")) struct StorageFaultTests {
    static let problemType = "urn:poemsd:problem:storage-unavailable"

    /// `chattr +i` works on the temporary directory's file system (ext4
    /// does; tmpfs before Linux 6.0 and some overlays do not, and it needs
    /// CAP_LINUX_IMMUTABLE).
    static let immutableFilesWork: Bool = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-chattr-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: file, contents: Data([0])) else { return false }
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard (try? runProcess("/usr/bin/chattr", ["+i", file]))?.status == 0 else { return false }
        _ = try? runProcess("/usr/bin/chattr", ["-i", file])
        return true
    }()

    static func post(_ port: Int, _ authorization: [(String, String)], _ label: String) throws -> WireResponse {
        try fetch(port, "POST", "/v1/cases", json: #"{"patientRef": "fault-\#(label)", "findings": {"polyneuropathy": true}}"#, headers: authorization)
    }

    /// A refusal as the issue asks: 503 `storage-unavailable` with `Retry-After`.
    static func expectStorageUnavailable(_ response: WireResponse, _ comment: Comment? = nil) {
        #expect(response.status == 503, comment)
        #expect(response.header("Content-Type") == "application/problem+json", comment)
        #expect((try? response.json()["type"] as? String) == problemType, comment)
        #expect(response.header("Retry-After").flatMap(Int.init) != nil, comment)
    }

    static let suffixes = ["", "-wal", "-shm"]

    /// Four clients write without pause; once 40 writes were acknowledged,
    /// `fault` runs; each client goes on until three of its writes were
    /// refused. Then: every answer was a 201 or a storage refusal, and no
    /// client got a 201 after its first refusal.
    static func writeUnderLoad(_ server: RunningServer, _ authorization: [(String, String)], fault: () throws -> Void) throws -> WriteOutcomes {
        let outcomes = WriteOutcomes()
        let clients = DispatchGroup()
        for worker in 0..<4 {
            onThread(clients) {
                var refusals = 0, index = 0
                while refusals < 3 && !outcomes.stopped {
                    index += 1
                    let response = try? Self.post(server.port, authorization, "\(worker)-\(index)")
                    outcomes.record(worker, response)
                    if response?.status != 201 { refusals += 1 }
                }
            }
        }
        #expect(outcomes.wait(untilAcknowledged: 40, timeout: 60), "40 writes acknowledged before the fault")
        try fault()
        if clients.wait(timeout: .now() + 60) == .timedOut {
            outcomes.stop()
            clients.wait()
            Issue.record("the clients were not all refused within 60 s of the fault")
        }
        for worker in 0..<4 {
            let answers = outcomes.responses(of: worker)
            #expect(answers.allSatisfy { $0 != nil }, "every request was answered")
            let statuses = answers.compactMap { $0?.status }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 503 }, "\(statuses)")
            if let firstRefusal = statuses.firstIndex(of: 503) {
                #expect(!statuses[firstRefusal...].contains(201), "a write was acknowledged after the fault was noticed")
            }
            if let refusal = answers.compactMap({ $0 }).first(where: { $0.status == 503 }) { expectStorageUnavailable(refusal) }
        }
        #expect(outcomes.acknowledgedIDs.count >= 40)
        return outcomes
    }

    /// The case ids stored in the database `path` (with its -wal, if any).
    static func storedCaseIDs(_ path: String) throws -> Set<String> {
        Set(try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT id FROM cases") })
    }

    // MARK: - Replaced under load

    @Test func aDatabaseFileReplacedUnderLoadIsNoticedBeforeAnyWriteIsAcknowledged() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let (directory, database) = (sandbox.directory, sandbox.location)
        let authorization = bearer(try sandbox.createKey("fault-test", role: .admin))
        // The backup an operator will restore over the running server's file.
        let backup = directory.appendingPathComponent("backup.sqlite").path
        _ = try DatabaseQueue(path: database).writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try FileManager.default.copyItem(atPath: database, toPath: backup)
        let server = try sandbox.start()

        // The restore: the file is moved aside (with its -wal and -shm) and the backup copied to its path.
        let aside = directory.appendingPathComponent("aside")
        let outcomes = try Self.writeUnderLoad(server, authorization) {
            try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
            for suffix in Self.suffixes where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.moveItem(atPath: database + suffix, toPath: aside.appendingPathComponent("poems.sqlite" + suffix).path)
            }
            try FileManager.default.copyItem(atPath: backup, toPath: database)
        }
        let ready = try fetch(server.port, "GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.text.contains("replaced"), "\(ready.text)")
        #expect(try fetch(server.port, "GET", "/healthz").status == 200)
        Self.expectStorageUnavailable(try Self.post(server.port, authorization, "after"))
        server.stop()

        // The restored file was not written to, and every acknowledged case
        // is in the file the server had open when it acknowledged it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == Data(contentsOf: URL(fileURLWithPath: backup)))
        let missing = outcomes.acknowledgedIDs.subtracting(try Self.storedCaseIDs(aside.appendingPathComponent("poems.sqlite").path))
        #expect(missing.isEmpty, "\(missing.count) acknowledged cases are not in the file")
        #expect(server.log.values.joined().contains("the database file was replaced"))
    }

    // MARK: - Removed under load

    @Test func aDatabaseFileRemovedUnderLoadRefusesWritesFailsReadinessAndIsNeverRecreated() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let (directory, database) = (sandbox.directory, sandbox.location)
        let authorization = bearer(try sandbox.createKey("fault-test", role: .admin))
        let server = try sandbox.start()
        let first = try Self.post(server.port, authorization, "first")
        #expect(first.status == 201)
        let location = try #require(first.header("Location"))
        #expect(try fetch(server.port, "GET", location, headers: authorization).status == 200)

        let outcomes = try Self.writeUnderLoad(server, authorization) {
            for suffix in Self.suffixes { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        Self.expectStorageUnavailable(try Self.post(server.port, authorization, "after"))
        // Reads come from the connections still open on the removed file, or are refused: never a 500.
        #expect([200, 503].contains(try fetch(server.port, "GET", location, headers: authorization).status))
        #expect([200, 503].contains(try fetch(server.port, "GET", "/v1/cases", headers: authorization).status))
        let ready = try fetch(server.port, "GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.text.contains("removed"), "\(ready.text)")
        #expect(try fetch(server.port, "GET", "/healthz").status == 200)
        for suffix in Self.suffixes {
            #expect(!FileManager.default.fileExists(atPath: database + suffix), "poems.sqlite\(suffix) was created again")
        }
        #expect(server.process.isRunning)
        #expect(server.log.values.joined().contains("the database file was removed"))

        // Every acknowledged case is in the removed file, which the server
        // still holds open: copied out through /proc with its -wal.
        let held = directory.appendingPathComponent("held.sqlite").path
        let descriptors = "/proc/\(server.process.processIdentifier)/fd"
        for name in try FileManager.default.contentsOfDirectory(atPath: descriptors) {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(descriptors)/\(name)") else { continue }
            for suffix in ["", "-wal"] where target == database + suffix + " (deleted)" && !FileManager.default.fileExists(atPath: held + suffix) {
                // The bytes, not the link (copyItem would copy the symlink).
                try Data(contentsOf: URL(fileURLWithPath: "\(descriptors)/\(name)")).write(to: URL(fileURLWithPath: held + suffix))
            }
        }
        let missing = outcomes.acknowledgedIDs.union([String(location.split(separator: "/").last ?? "")])
            .subtracting(try Self.storedCaseIDs(held))
        #expect(missing.isEmpty, "\(missing.count) acknowledged cases are not in the file the server wrote")
    }

    // MARK: - Immutable

    @Test(.enabled(if: immutableFilesWork, "chattr +i is not supported here"))
    func immutableDatabaseFilesAreRefusedWith503AndTheServerStaysUp() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let database = sandbox.location
        func chattr(_ flag: String) {
            for suffix in Self.suffixes where FileManager.default.fileExists(atPath: database + suffix) {
                _ = try? runProcess("/usr/bin/chattr", [flag, database + suffix])
            }
        }
        sandbox.onTearDown { chattr("-i") }
        let authorization = bearer(try sandbox.createKey("fault-test", role: .admin))
        var server = try sandbox.start()
        var locations: [String] = []
        for index in 0..<4 {
            let created = try Self.post(server.port, authorization, "\(index)")
            #expect(created.status == 201)
            locations.append(try #require(created.header("Location")))
            // Reads between writes: the readers' marks in the shared memory move.
            #expect(try fetch(server.port, "GET", locations[0], headers: authorization).status == 200)
        }

        chattr("+i")
        // Reads write their marks into the -shm file SQLite maps: the write
        // that used to kill the process with SIGBUS.
        for location in locations {
            #expect([200, 503].contains(try fetch(server.port, "GET", location, headers: authorization).status))
        }
        for index in 0..<3 { Self.expectStorageUnavailable(try Self.post(server.port, authorization, "immutable-\(index)")) }
        #expect(server.process.isRunning, "the server survived writes to immutable files")
        #expect(try fetch(server.port, "GET", "/healthz").status == 200)
        let ready = try fetch(server.port, "GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.text.contains("immutable"), "\(ready.text)")

        // Writable again: the server's background probe write commits and
        // readiness passes (polled: it is the server's answer), or (if
        // SQLite's shared memory had to be replaced) readiness asks for a restart.
        chattr("-i")
        var after = try fetch(server.port, "GET", "/readyz")
        #expect(eventually(within: 30) {
            after = (try? fetch(server.port, "GET", "/readyz")) ?? after
            return after.status == 200 || after.text.contains("restart")
        }, "\(after.text)")
        if after.status == 200 {
            let created = try Self.post(server.port, authorization, "writable")
            #expect(created.status == 201)
            locations.append(try #require(created.header("Location")))
        } else {
            #expect(after.text.contains("restart"), "\(after.text)")
        }
        #expect(server.process.isRunning)

        // After a restart, every acknowledged case is there and writes work.
        server.stop()
        server = try sandbox.start()
        for location in locations { #expect(try fetch(server.port, "GET", location, headers: authorization).status == 200) }
        #expect(try Self.post(server.port, authorization, "restarted").status == 201)
        #expect(try fetch(server.port, "GET", "/readyz").status == 200)
    }
}

/// What concurrent writers were answered, by worker, in order.
final class WriteOutcomes: Sendable {
    private struct State {
        var answers: [Int: [WireResponse?]] = [:]
        var acknowledged: Set<String> = []
        var stopped = false
    }

    private let state = Locked(State())

    func record(_ worker: Int, _ response: WireResponse?) {
        state.withLock { state in
            state.answers[worker, default: []].append(response)
            if response?.status == 201, let location = response?.header("Location") {
                state.acknowledged.insert(String(location.split(separator: "/").last ?? ""))
            }
        }
    }

    /// Waits until `count` writes were acknowledged; false after `timeout` seconds.
    func wait(untilAcknowledged count: Int, timeout: TimeInterval) -> Bool {
        state.waitFor(seconds: timeout) { $0.acknowledged.count >= count }
    }

    func responses(of worker: Int) -> [WireResponse?] { state.read { $0.answers[worker] ?? [] } }
    var acknowledgedIDs: Set<String> { state.read { $0.acknowledged } }
    var stopped: Bool { state.read { $0.stopped } }
    func stop() { state.withLock { $0.stopped = true } }
}
