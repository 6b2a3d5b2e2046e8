import Foundation
import GRDB
import Testing

/// A full disk: the real `poemsd` on a small tmpfs that the test fills
/// (or, where mounting is not allowed, under a file-size limit set on the
/// running process). Writes are refused with 503 `storage-unavailable` and
/// `Retry-After`, never acknowledged unsaved, and the SQLite result code is
/// logged; reads go on; readiness fails while writes fail, and passes again
/// once space returns (the server's background probe write commits), as
/// writes do.
@Suite(.enabled(if: TestEngine.isSQLite, "a full disk under the SQLite file")) struct DiskFullTests {
    @Test func aFullDiskRefusesWritesKeepsServingReadsAndRecovers() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let directory = sandbox.directory
        let mounted = (try? runProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "poemsd-test", directory.path]))?.status == 0
        if mounted { sandbox.onTearDown { _ = try? runProcess("/bin/umount", [directory.path]) } }
        let database = sandbox.location
        let authorization = bearer(try sandbox.createKey("disk-test", role: .writer))
        let server = try sandbox.start(ignoringSIGXFSZ: !mounted)
        let (port, log) = (server.port, server.log)

        func post(_ index: Int) throws -> WireResponse {
            try fetch(port, "POST", "/v1/cases", json: "{\"patientRef\": \"disk-\(index)\", \"findings\": {\"polyneuropathy\": true}}",
                      headers: authorization)
        }
        var saved: [String] = []
        let first = try post(0)
        #expect(first.status == 201)
        saved.append(try #require(first.header("Location")))

        // The disk fills up.
        let filler = directory.appendingPathComponent("filler")
        if mounted {
            #expect(FileManager.default.createFile(atPath: filler.path, contents: nil))
            let handle = try FileHandle(forWritingTo: filler)
            let chunk = Data(count: 64 * 1024)
            while (try? handle.write(contentsOf: chunk)) != nil {}
            try? handle.close()
        } else {
            #expect(try runProcess("/usr/bin/prlimit", ["--pid", "\(server.process.processIdentifier)", "--fsize=1:"]).status == 0)
        }

        // Writes go on until the database needs space it cannot get; from
        // then on every write is refused, and none is answered 201 unsaved.
        var refusals: [WireResponse] = []
        var index = 1
        while refusals.count < 5 && index < 400 {
            let response = try post(index)
            if response.status == 201 {
                #expect(refusals.isEmpty, "a write after a refusal was acknowledged while the disk is still full")
                saved.append(try #require(response.header("Location")))
            } else {
                refusals.append(response)
            }
            index += 1
        }
        #expect(refusals.count == 5, "the full disk refused writes")
        for refusal in refusals { StorageFaultTests.expectStorageUnavailable(refusal) }
        let failing = try fetch(port, "GET", "/readyz")
        #expect(failing.status == 503)
        #expect(failing.text.contains("writes are failing"), "\(failing.text)")
        // The log names SQLite's result code: SQLITE_FULL (13) on a full
        // disk, SQLITE_IOERR_WRITE (778) past a file-size limit.
        let logged = log.values.joined()
        #expect(logged.contains("storage write failed") && logged.contains("engine=SQLite") && (logged.contains("code=13") || logged.contains("code=778")), "\(logged.suffix(2000))")

        // Reads are served meanwhile.
        for location in saved { #expect(try fetch(port, "GET", location, headers: authorization).status == 200) }
        #expect(try fetch(port, "GET", "/v1/cases", headers: authorization).status == 200)

        // Space returns: writes are accepted again.
        if mounted {
            try FileManager.default.removeItem(at: filler)
        } else {
            #expect(try runProcess("/usr/bin/prlimit", ["--pid", "\(server.process.processIdentifier)", "--fsize=unlimited:"]).status == 0)
        }
        // Readiness recovers with no client write: the server's background
        // probe write commits (polled: readiness is another process's answer).
        #expect(eventually(within: 30) { (try? fetch(port, "GET", "/readyz"))?.status == 200 }, "readiness recovered")
        let recovered = try post(1000)
        #expect(recovered.status == 201)
        if let location = recovered.header("Location") {
            saved.append(location)
            #expect(try fetch(port, "GET", location, headers: authorization).status == 200)
        }

        // Exactly the acknowledged cases are stored.
        let stored = try DatabaseQueue(path: database).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM cases") }
        #expect(stored == saved.count, "\(stored ?? -1) cases stored, \(saved.count) acknowledged")
    }
}
