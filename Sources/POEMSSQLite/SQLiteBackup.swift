import Foundation
import GRDB
import POEMSStorage
#if canImport(Glibc)
import Glibc
#endif

/// Online backups and restores of the SQLite engine, through SQLite itself
/// (its backup API): never a copy of the files, which misses what is in
/// the write-ahead log, and never a descriptor of the live database opened
/// outside SQLite (closing one drops the server's POSIX locks; see
/// `poemsd_file_is_immutable`).
///
/// - `backUp` copies a database, live or not, into a new single file (one
///   read transaction: a consistent snapshot of what had committed when it
///   began), checks the copy, syncs it and only then gives it its name.
/// - `restore` copies a backup into a database that no other process holds
///   (it takes SQLite's exclusive lock first, and refuses when a server or
///   any other connection has the database open), then checks the result.
public enum SQLiteBackup {
    /// What a database holds, and whether it is sound.
    public struct Contents: Sendable, Equatable {
        public var cases: Int
        public var revisions: Int
        public var auditEvents: Int
        /// The verdict of `PRAGMA integrity_check` ("ok" when sound).
        public var integrity: String
        public var chain: AuditChainReport

        public var isSound: Bool { integrity == "ok" && chain.firstBreak == nil }
    }

    /// A backup or restore refused before anything was written.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies the database at `source` into the new file `destination`
    /// (which must not exist), checks the copy and returns what it holds.
    /// The copy is a single file in rollback-journal mode; it gets its name
    /// only once checked and synced (a partial copy is `destination.partial`,
    /// removed on failure).
    public static func backUp(_ source: String, to destination: String) throws -> Contents {
        guard FileManager.default.fileExists(atPath: source) else { throw Refusal(description: "there is no database at \(source)") }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw Refusal(description: "\(destination) exists: a backup never replaces a file")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let contents = try DatabaseError.converted { () throws -> Contents in
                let reader = try DatabaseQueue(path: source, configuration: configuration())
                defer { try? reader.close() }
                let copy = try DatabaseQueue(path: partial, configuration: configuration())
                defer { try? copy.close() }
                try reader.backup(to: copy)
                try copy.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                }
                return try copy.read(survey)
            }
            guard contents.isSound else { throw Refusal(description: "the copy is not sound: \(describe(contents))") }
            try FileSync.sync(partial)
            guard link(partial, destination) == 0 else { throw Refusal(description: "cannot name the copy \(destination): \(String(cString: strerror(errno)))") }
            unlink(partial)
            try FileSync.sync(FileSync.directory(of: destination))
            return contents
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Replaces the content of the database at `target` (created when there
    /// is none) with the backup at `backup`, after checking the backup.
    /// Refuses, writing nothing, when another process has `target` open: a
    /// running server holds a shared lock on it for its whole life, and
    /// this first takes SQLite's exclusive lock (waiting at most
    /// `busySeconds`).
    public static func restore(from backup: String, into target: String, busySeconds: Double = 2) throws -> Contents {
        guard FileManager.default.fileExists(atPath: backup) else { throw Refusal(description: "there is no backup at \(backup)") }
        return try DatabaseError.converted { () throws -> Contents in
            let source = try DatabaseQueue(path: backup, configuration: configuration())
            defer { try? source.close() }
            let before = try source.read(survey)
            guard before.isSound else { throw Refusal(description: "the backup is not sound: \(describe(before))") }

            var exclusive = configuration(busySeconds: busySeconds)
            exclusive.prepareDatabase { db in try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE") }
            let destination: DatabaseQueue
            do {
                destination = try DatabaseQueue(path: target, configuration: exclusive)
                // The exclusive lock, held until the connection closes.
                try destination.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE; COMMIT") }
            } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                throw Refusal(description: "\(target) is in use by another process (a running server?): stop it first; nothing was written")
            }
            defer { try? destination.close() }
            try source.backup(to: destination)
            return try destination.read(survey)
        }
    }

    /// One line for a person: the counts and the checks.
    public static func describe(_ contents: Contents) -> String {
        let chain = contents.chain.firstBreak.map { "audit chain BROKEN at event \($0.eventID): \($0)" }
            ?? "audit chain intact" + (contents.chain.head.map { ", head event \($0.id) \($0.hash)" } ?? "")
        return "\(contents.cases) case(s), \(contents.revisions) revision(s), \(contents.auditEvents) audit event(s); "
            + "integrity_check: \(contents.integrity); \(chain)"
    }

    // MARK: -

    private static func configuration(busySeconds: Double = 5) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busySeconds)
        configuration.label = "poemsd-backup"
        return configuration
    }

    /// Counts, `integrity_check` and the audit chain (from the last archive
    /// cut), in one read transaction.
    private static func survey(_ db: Database) throws -> Contents {
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        // After `poemsd audit archive`, the trail starts after the last cut.
        let cut = try db.tableExists("audit_archive_cuts")
            ? try Row.fetchOne(db, sql: "SELECT through_id, through_hash FROM audit_archive_cuts ORDER BY through_id DESC LIMIT 1")
                .map { AuditChain.Head(id: $0[0], hash: $0[1]) }
            : nil
        var verifier = AuditChainVerifier(after: cut)
        var firstBreak: AuditChainBreak?
        var events = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT \(SQLiteAuditLog.columns), prev_hash, hash FROM audit_events ORDER BY id")
        while let row = try rows.next() {
            events += 1
            guard firstBreak == nil else { continue }
            firstBreak = verifier.check(SQLiteAuditLog.chainedEvent(row))
        }
        return Contents(cases: try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0,
                        revisions: try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions") ?? 0,
                        auditEvents: events, integrity: integrity,
                        chain: AuditChainReport(intact: verifier.intact, head: verifier.head, firstBreak: firstBreak))
    }
}
