import Foundation
import POEMSStorage
import Testing

/// A database of the test's own (`TestDatabase`) that the real `poemsd`
/// binary is run on: what the suites that drive the process from outside
/// (drain, crash, a full disk, storage faults) start from. `tearDown`
/// (deferred by the test) stops every server started from it, runs the
/// clean-ups the test added (the last added first) and removes the
/// database.
final class ServerSandbox {
    let binary: String
    let database: TestDatabase
    private var servers: [RunningServer] = []
    private var cleanUps: [() -> Void] = []

    /// A new database (and temporary directory); call `tearDown` when done.
    init() throws {
        binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        database = try TestDatabase()
    }

    /// The temporary directory the test may use (SQLite's file is in it).
    var directory: URL { database.directory }
    /// What `--database` takes: the SQLite file's path, or the PostgreSQL URL.
    var location: String { database.location }

    /// Creates an API key named `name` with `role` (`poemsd keys create`,
    /// after `poemsd migrate` has created the database if there is none
    /// yet: no other command creates one); its token.
    func createKey(_ name: String, role: Role) throws -> String {
        if TestEngine.isPostgres || !FileManager.default.fileExists(atPath: location) {
            let migrated = try runProcess(binary, ["migrate", "--database", location])
            guard migrated.status == 0 else { throw TestClientError.malformed("poemsd migrate: \(migrated.output)") }
        }
        let created = try runProcess(binary, ["keys", "create", "--name", name, "--role", role.rawValue, "--database", location])
        return try #require(created.output.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("poemsd_") }.map(String.init),
                            "keys create printed a token: \(created.output)")
    }

    /// Starts `poemsd serve` on the database (as `user`, when given);
    /// stopped at tear-down if the test did not.
    func start(ignoringSIGXFSZ: Bool = false, user: UInt32? = nil) throws -> RunningServer {
        let server = try RunningServer(binary, database: location, ignoringSIGXFSZ: ignoringSIGXFSZ, user: user)
        servers.append(server)
        return server
    }

    /// Runs `cleanUp` at tear-down, once the servers stopped and before the database is removed.
    func onTearDown(_ cleanUp: @escaping () -> Void) { cleanUps.append(cleanUp) }

    /// Stops the servers, runs the clean-ups, removes the database.
    func tearDown() {
        for server in servers { server.stop() }
        for cleanUp in cleanUps.reversed() { cleanUp() }
        database.remove()
    }
}

/// The request header that presents `token`.
func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }
