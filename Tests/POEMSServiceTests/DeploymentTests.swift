import Foundation
import POEMSAPI
import POEMSSQLite
import POEMSStorage
import Testing

/// The binary works wherever it is installed or copied: it carries its
/// migrations, and its command line behaves as docs/configuration.md says.
@Suite(.enabled(if: TestEngine.isSQLite, "the binary on its own, once")) struct DeploymentTests {
    @Test func bundledMigrationsAreTheFilesOfMigrations() throws {
        let files = try Migration.load(from: TestService.migrationsDirectory)
        let bundled = try Migration.bundled
        #expect(bundled.map(\.name) == files.map(\.name))
        #expect(bundled.map(\.checksum) == files.map(\.checksum), "byte-for-byte the same SQL")
        #expect(bundled.count >= 4)
    }

    @Test func aCopiedBinaryMigratesFromAnEmptyDirectory() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-copied-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // An installed prefix with no share/ directory, and an empty working directory.
        let bin = root.appendingPathComponent("prefix/bin")
        let work = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let copied = bin.appendingPathComponent("poemsd").path
        try FileManager.default.copyItem(atPath: binary, toPath: copied)

        let migrated = try runProcess(copied, ["migrate", "--database", "poems.sqlite"], directory: work)
        #expect(migrated.status == 0, "\(migrated.output)")
        #expect(migrated.output.contains("applied 0001_service_metadata.sql"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("poems.sqlite").path))
        let again = try runProcess(copied, ["migrate", "--database", "poems.sqlite"], directory: work)
        #expect(again.output.contains("up to date"))

        let key = try runProcess(copied, ["keys", "create", "--name", "ops", "--role", "admin", "--database", "poems.sqlite"], directory: work)
        #expect(key.status == 0, "\(key.output)")
        #expect(key.output.contains("poemsd_"))
    }

    @Test func versionIsOneNumberEverywhere() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let flag = try runProcess(binary, ["--version"])
        #expect(flag.status == 0, "\(flag.output)")
        #expect(flag.output.trimmingCharacters(in: .whitespacesAndNewlines) == ServiceVersion.current)
        let command = try runProcess(binary, ["version"])
        #expect(command.output.contains(ServiceVersion.current))

        try withService { (service: TestService) throws in
            let health = try fetch(service.port, "GET", "/healthz")
            #expect(try health.json()["version"] as? String == ServiceVersion.current)
            #expect(health.header("Server") == "poemsd/\(ServiceVersion.current)")
            let document = try fetch(service.port, "GET", "/openapi.json").json()
            #expect((document["info"] as? [String: Any])?["version"] as? String == ServiceVersion.current)
        }
        try withService(configure: { $0.http.serverHeader = nil }) { (service: TestService) throws in
            #expect(try fetch(service.port, "GET", "/healthz").header("Server") == nil)
        }
    }

    @Test func evaluateReportsAMissingFileInPlainWords() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let result = try runProcess(binary, ["evaluate", "/nonexistent/missing.json"])
        #expect(result.status != 0)
        #expect(result.output.contains("cannot read /nonexistent/missing.json"))
        #expect(!result.output.contains("NSCocoaErrorDomain"))
    }

    @Test func healthcheckProbesReadinessByDefault() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        try withService { (service: TestService) throws in
            let probe = try runProcess(binary, ["healthcheck", "--port", "\(service.port)"])
            #expect(probe.status == 0, "\(probe.output)")
            #expect(probe.output.contains("/readyz: 200"))
        }
    }
}
