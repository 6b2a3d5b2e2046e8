import ArgumentParser
import Foundation
import POEMSAPI
import POEMSStorage

/// `poemsd audit archive --before DATE DEST`: moves the audit events
/// written before DATE into the new archive file DEST (`AuditArchiver`).
struct AuditArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Move the audit events written before DATE out of the database into the new file DEST, and record the cut.",
        discussion: """
            Archives the events from the oldest in the database through the last one written before DATE (an RFC 3339 date, taken as \
            midnight UTC, or date-time), checked to chain intact, into DEST (JSON Lines: a header naming the range and the chain's head \
            before the cut, then one event per line with its hashes; see docs/operations.md). DEST is written and synced as DEST.partial, then, \
            in the one transaction that appends an audit.archive event, records the cut and removes the events, named DEST before the \
            commit; a failure leaves the trail as it was and no file. DEST must not exist. Safe while servers run (events they write \
            meanwhile stay); applies pending migrations first. Keep DEST as you keep the database: `audit verify --archive DEST` checks it.
            """)

    @Option(help: ArgumentHelp("Archive the events written before this time: 2026-01-01 (midnight UTC) or 2026-01-01T00:00:00Z.", valueName: "date"))
    var before: String
    @Argument(help: "The new archive file to write (it must not exist).")
    var destination: String
    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        let date = before.count == 10 ? before + "T00:00:00Z" : before
        guard let timestamp = Timestamp.normalized(date) else {
            throw ValidationError("--before must be an RFC 3339 date (2026-01-01) or date-time (2026-01-01T00:00:00Z), got '\(before)'")
        }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw AuditArchiver.Refusal(description: "\(destination) exists: an archive never replaces a file")
        }
        let audit = CommandAudit()
        let database = try storage.openMigrated("audit archive", audit: audit)
        defer { database.close() }
        let outcome = try AuditArchiver.archive(database.audit, before: timestamp, into: destination) { range, fileName in
            audit.event("audit.archive", "poemsd audit archive --before \(timestamp): events \(range.firstID)-\(range.through.id) (\(range.events)), "
                + "head \(range.through.id):\(range.through.hash), into \(fileName)")
        }
        guard let outcome else {
            print("nothing to archive: no event in the database was written before \(timestamp); no file was written")
            return
        }
        let cut = outcome.cut
        print("archived \(cut.range.events) audit event(s), events \(cut.range.firstID)-\(cut.range.through.id) "
            + "(written \(outcome.firstAt) to \(outcome.lastAt)), into \(destination) (SHA-256 \(cut.fileSHA256))")
        print("cut head: event \(cut.range.through.id) \(cut.range.through.hash), named in the file's header and recorded in the database; "
            + "the audit.archive event is event \(cut.archiveEventID)")
    }
}
