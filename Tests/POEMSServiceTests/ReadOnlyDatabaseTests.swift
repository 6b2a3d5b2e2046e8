import Foundation
import Testing

/// The real `poemsd` started on database files it may not write (another
/// user's, as after a server or a command run as root): SQLite opens them
/// read-only without a word. Readiness fails from the start and says why,
/// writes are refused with 503 while reads go on, and once the files are
/// writable the server opens the database again by itself and takes
/// writes, without a restart (docs/operations.md, "Readiness").
@Suite(.enabled(if: TestEngine.isSQLite && getuid() == 0, "SQLite file permissions; root, to run the server as another user"))
struct ReadOnlyDatabaseTests {
    /// `nobody`: neither the database files' owner nor root.
    static let user: UInt32 = 65534

    @Test func readinessFailsWhileTheFilesAreReadOnlyAndWritesResumeOnceTheyAreWritable() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let token = try sandbox.createKey("writer", role: .writer)
        let path = sandbox.location
        // A server run as root writes, and is killed: its -wal and -shm stay, root's (0644), as the database file.
        let root = try sandbox.start()
        let before = try StorageFaultTests.post(root.port, bearer(token), "as-root")
        #expect(before.status == 201)
        let beforeID = try #require(try before.json()["id"] as? String)
        kill(root.process.processIdentifier, SIGKILL)
        root.process.waitUntilExit()
        #expect(StorageFaultTests.suffixes.allSatisfy { FileManager.default.fileExists(atPath: path + $0) })
        #expect(chmod(sandbox.directory.path, 0o777) == 0)

        let server = try sandbox.start(user: Self.user)
        let ready = try fetch(server.port, "GET", "/readyz")
        #expect(ready.status == 503, "\(ready.text)")
        #expect(ready.text.contains("readonly") && ready.text.contains("writes resume"), "\(ready.text)")
        StorageFaultTests.expectStorageUnavailable(try StorageFaultTests.post(server.port, bearer(token), "read-only"), "a write to a read-only file")
        #expect(try fetch(server.port, "GET", "/v1/cases/\(beforeID)", headers: bearer(token)).status == 200, "reads go on")
        let still = try fetch(server.port, "GET", "/readyz")
        #expect(still.status == 503 && still.text.contains("writes resume"), "a refused write does not make it ready: \(still.text)")

        // The permissions are fixed (the files are the server's user's); no restart.
        for suffix in StorageFaultTests.suffixes { #expect(chown(path + suffix, Self.user, Self.user) == 0) }
        #expect(eventually(within: 30) { (try? fetch(server.port, "GET", "/readyz").status) == 200 }, "ready again without a restart")
        let created = try StorageFaultTests.post(server.port, bearer(token), "writable")
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(try created.json()["id"] as? String)
        #expect(try fetch(server.port, "GET", "/v1/cases/\(beforeID)", headers: bearer(token)).status == 200)
        #expect(try fetch(server.port, "GET", "/v1/cases/\(id)", headers: bearer(token)).status == 200)
        // Acknowledged means durable: after SIGKILL and a restart both cases are there.
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        let restarted = try sandbox.start(user: Self.user)
        for caseID in [beforeID, id] {
            #expect(try fetch(restarted.port, "GET", "/v1/cases/\(caseID)", headers: bearer(token)).status == 200, "\(caseID) after a restart")
        }
        restarted.stop()
        #expect(try StorageFaultTests.storedCaseIDs(path).isSuperset(of: [beforeID, id]), "the acknowledged writes are in the file")
    }
}
