import Foundation
import POEMSAPI
import POEMSPostgres
import POEMSStorage
import POEMSStorageEngines
import Testing

/// What only the PostgreSQL engine has: migrations under an advisory lock,
/// the feed's commit order across processes' writers, TLS as the URL asks.
@Suite(.enabled(if: TestEngine.isPostgres, "the PostgreSQL engine")) struct PostgresStorageTests {
    static func draft(_ note: String) -> RevisionDraft {
        RevisionDraft(input: #"{"findings":{}}"#, note: note, evaluation: "{}", treatmentEvidence: "treatment-evidence/v2/none",
                      criteriaSets: ["imwg-2014"], engineVersion: "test", verdicts: ["imwg-2014": "indeterminate"],
                      criteria: [("imwg-2014", "polyneuropathy", "unknown")], digest: "{}")
    }

    @Test func instancesStartingAtOnceApplyEachMigrationOnce() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let applied = LockedList(), failures = LockedList()
        let group = DispatchGroup()
        for _ in 0..<4 {
            onThread(group) {
                do {
                    let (storage, migrations) = try StorageEngine.open(database.location)
                    migrations.forEach { applied.append($0.name) }
                    storage.close()
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(failures.values.isEmpty, "\(failures.values)")
        let files = try FileManager.default.contentsOfDirectory(atPath: TestService.migrationsDirectory + "/postgres").filter { $0.hasSuffix(".sql") }
        #expect(applied.values.sorted() == files.sorted(), "each migration applied by exactly one of the four")
        #expect(try TestSQL.count(database.location, "SELECT count(*) FROM schema_migrations") == files.count)
    }

    @Test func aChangedAppliedMigrationStopsTheStart() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        try StorageEngine.open(database.location).storage.close()
        try TestSQL.execute(database.location, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
        #expect {
            try StorageEngine.open(database.location)
        } throws: { "\($0)".contains("has changed since it was applied") }
    }

    /// Three storages (three instances' writers) create at once while a
    /// reader follows the feed: every page starts right after the cursor,
    /// that is, no change is visible before an earlier one.
    @Test func theFeedIsInCommitOrderAcrossWriters() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let storages = try (0..<3).map { _ in try StorageEngine.open(database.location).storage }
        defer { storages.forEach { $0.close() } }
        let perWriter = 40
        let acknowledged = LockedList()
        let group = DispatchGroup()
        for (index, storage) in storages.enumerated() {
            for writer in 0..<2 {
                onThread(group) {
                    for n in 0..<perWriter {
                        let done = DispatchSemaphore(value: 0)
                        let draft = Self.draft("\(index)-\(writer)-\(n)")
                        storage.cases.create(CaseRecord.new(patientRef: nil, draft: draft), draft: draft, idempotency: nil, audit: { _ in nil }) { result in
                            if case .success(.created(let record)) = result { acknowledged.append(record.id) }
                            done.signal()
                        }
                        done.wait()
                    }
                }
            }
        }
        let total = storages.count * 2 * perWriter
        var after: Int64 = 0, seen: [Int64] = [], ids: [String] = [], reads = 0
        let deadline = Date().addingTimeInterval(120)
        while seen.count < total && Date() < deadline {
            let page = try storages[reads % 3].cases.changes(after: after, limit: 5)
            reads += 1
            if let first = page.first { #expect(first.seq == after + 1, "after \(after) the reader saw \(first.seq)") }
            seen += page.map(\.seq)
            ids += page.map(\.caseID)
            after = page.last?.seq ?? after
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(seen == Array(1...Int64(total)))
        #expect(Set(ids) == Set(acknowledged.values) && acknowledged.values.count == total)
        #expect(try storages[0].cases.changeSequence() == Int64(total))
    }

    /// The audit trail is the same hash chain as on SQLite, chained across
    /// instances under the counter's lock; `poemsd audit verify` walks it
    /// and names a row changed behind the triggers' back.
    @Test func theAuditChainVerifiesAndATamperedRowIsNamed() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let cluster = try MultiInstanceTests.Cluster(instances: 2)
        defer { cluster.stop() }
        let group = DispatchGroup()
        for index in 0..<6 {
            onThread(group) { _ = try? CaseAPITests.create(cluster.port(index), headers: cluster.auth) }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        let page = try fetch(cluster.port(1), "GET", "/v1/audit?limit=500", headers: cluster.auth).json()
        let head = try #require(page["chainHead"] as? [String: Any])
        let anchor = "\(try #require(head["id"] as? Int)):\(try #require(head["hash"] as? String))"
        let intact = try runProcess(binary, ["audit", "verify", "--database", cluster.database.location, "--anchor", anchor])
        #expect(intact.status == 0 && intact.output.contains("audit chain intact"), "\(intact.output)")

        // As a superuser who switches the trigger off: the row changes, the chain breaks there.
        try TestDatabase.sql(cluster.database.location, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
        try TestDatabase.sql(cluster.database.location, "UPDATE audit_events SET status = 500 WHERE id = 2")
        let broken = try runProcess(binary, ["audit", "verify", "--database", cluster.database.location])
        #expect(broken.status != 0 && broken.output.contains("BROKEN at event 2"), "\(broken.output)")
    }

    /// Connections that stop answering for good (a partition that never
    /// heals for them) while new ones can be made: work that leased one
    /// (here readiness probes) does not leave it leased for ever. Past the
    /// work deadline poemsd closes it, so that even a pool of two serves
    /// again, on new connections.
    @Test func aConnectionThatStopsAnsweringIsClosedAndAPoolOfTwoServesAgain() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let (proxy, through) = try TCPProxy.inFront(of: database.location)
        defer { proxy.stop() }
        let storage = try PostgresStorage(url: through, maximumConnections: 2)
        defer { storage.close() }
        #expect(storage.unreadiness() == nil)

        proxy.freezeExisting()
        #expect(proxy.clientsGone == 0)
        // Until a probe lands on a new connection, each lands on a held one and gives up.
        #expect(eventually(within: 30) { storage.unreadiness() == nil })
        #expect(eventually(within: 10) { proxy.clientsGone >= 1 }, "the held connection was closed by poemsd")
        // And writes go through.
        let done = DispatchSemaphore(value: 0), created = LockedList()
        let draft = Self.draft("after the stall")
        storage.cases.create(CaseRecord.new(patientRef: nil, draft: draft), draft: draft, idempotency: nil, audit: { _ in nil }) { result in
            if case .success(.created(let record)) = result { created.append(record.id) }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(try created.values.first.map { try storage.cases.fetch(id: $0) != nil } == true)
    }

    /// Key creation and revocation are single statements that commit at
    /// once; when the connection dies after the statement reached the
    /// server, the retry used to find the committed row and report
    /// "duplicate name" (the token, shown once, was lost) or "already
    /// revoked". The retry now recognises its own attempt.
    @Test func aKeyCreationOrRevocationWhoseAnswerIsLostSucceedsOnRetry() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        try StorageEngine.open(database.location).storage.close()
        let (proxy, through) = try TCPProxy.inFront(of: database.location)
        defer { proxy.stop() }
        let storage = try PostgresStorage(url: through, maximumConnections: 2)
        defer { storage.close() }

        proxy.cut(afterRelaying: "INSERT INTO api_keys")
        let (token, record) = try storage.keys.create(name: "answer-lost", role: .reader)
        #expect(record.name == "answer-lost")
        #expect(try TestSQL.count(database.location, "SELECT count(*) FROM api_keys WHERE name = 'answer-lost'") == 1)
        #expect(try storage.keys.authenticate(token: token)?.name == "answer-lost", "the token printed is the one stored")
        // A real duplicate is still refused.
        #expect(throws: APIKeyError.duplicateName("answer-lost")) { try storage.keys.create(name: "answer-lost", role: .reader) }

        proxy.cut(afterRelaying: "UPDATE api_keys SET revoked_at")
        try storage.keys.revoke(name: "answer-lost")
        #expect(try storage.keys.authenticate(token: token) == nil)
        #expect(throws: APIKeyError.alreadyRevoked("answer-lost")) { try storage.keys.revoke(name: "answer-lost") }
    }

    /// A server's message can quote the value it refused; what poemsd
    /// reports (and logs) of a PostgreSQL error is its SQLSTATE and
    /// constraint name only. A trigger stands in for any refusal whose
    /// message quotes a value.
    @Test func aServerMessageQuotingAValueIsNeverReported() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let storage = try StorageEngine.open(database.location).storage
        defer { storage.close() }
        try TestDatabase.sql(database.location, """
            CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'code % refused', NEW.code USING ERRCODE = '23514', CONSTRAINT = 'local_rule'; END $$
            """)
        try TestDatabase.sql(database.location,
                             "CREATE TRIGGER refuse_row BEFORE INSERT ON terminology_rows FOR EACH ROW EXECUTE FUNCTION refuse_row()")
        let record = TerminologyRecord(system: "urn:oid:1.2.3", code: "MRN-4471-SECRET", display: nil, kind: "lab", target: "vegf-plasma",
                                       source: "test", evidence: "local")
        #expect {
            try storage.terminology.importRows([record])
        } throws: { error in
            let text = "\(error)" + String(reflecting: error)
            return !text.contains("MRN-4471-SECRET") && !text.contains("refused") && text.contains("23514") && text.contains("local_rule")
        }
    }

    @Test func sslmodeRequireRefusesAServerWithoutTLS() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        // The test cluster offers no TLS: `require` must not fall back to plain text.
        #expect(throws: (any Error).self) { try StorageEngine.open(database.location + "?sslmode=require") }
        // `prefer` (the default) and `disable` connect.
        try StorageEngine.open(database.location + "?sslmode=prefer").storage.close()
        try StorageEngine.open(database.location + "?sslmode=disable").storage.close()
    }

    @Test func urlsAreReadAsLibpqReadsThemAndPasswordsNeverShown() throws {
        let location = try PostgresLocation(url: "postgresql://app%40site:p%2Fss@db.example.org:6543/cases?sslmode=verify-full")
        #expect(location.user == "app@site" && location.password == "p/ss")
        #expect(location.host == "db.example.org" && location.port == 6543 && location.database == "cases" && location.sslMode == "verify-full")
        let defaults = try PostgresLocation(url: "postgres://poemsd@localhost")
        #expect(defaults.port == 5432 && defaults.database == "poemsd" && defaults.sslMode == "prefer")
        #expect { try PostgresLocation(url: "postgres://u:hunter2@h/d?sslmode=sometimes") } throws: { !"\($0)".contains("hunter2") }
        #expect(PostgresLocation.redacted("postgres://u:hunter2@h/d") == "postgres://u:***@h/d")
        #expect(!PostgresLocation.isURL("./poems.sqlite") && PostgresLocation.isURL("postgresql://h/d"))
    }
}
