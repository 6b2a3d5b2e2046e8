import ArgumentParser
import POEMSAPI
import POEMSStorage
import POEMSStorageEngines

/// `poemsd audit verify|archive`: checks the audit trail's hash chain, and
/// moves its oldest events into archive files.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the audit trail, and archive its oldest events.",
                                                    subcommands: [Verify.self, AuditArchive.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit trail's hash chain; exit 1 naming the first broken event when a row was changed, removed or inserted out of place.",
            discussion: """
                Reads an existing database (never creates or migrates one); safe while the server runs. After `audit archive`, the \
                database's events must follow the last archive cut it records (said so); with --archive, the archive files are checked \
                too: each chains from the trail's first event (or a recorded cut, or where the file before it ends), ends at the cut the \
                database records for it (same range, head and SHA-256), and the last one ends where the database's events start.
                """)

        @Option(help: ArgumentHelp("A head recorded earlier (GET /v1/audit's chainHead): the chain must still pass through it, which catches a trail rewritten with recomputed hashes. An archived head is checked in the --archive files (or against a cut's head).",
                                   valueName: "id:hash"))
        var anchor: String?
        @Option(name: .customLong("archive"),
                help: ArgumentHelp("An archive file written by `poemsd audit archive`, checked with the trail; repeat it for several, oldest first.",
                                   valueName: "file"))
        var archives: [String] = []
        @OptionGroup var storage: DatabaseOptions

        func run() throws {
            var head: AuditChain.Head?
            if let anchor {
                let parts = anchor.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let id = Int64(parts[0]), parts[1].count == 64 else {
                    throw ValidationError("--anchor must be ID:HASH, the id and the 64-digit hash of an event")
                }
                head = AuditChain.Head(id: id, hash: parts[1].lowercased())
            }
            try storage.requireExisting()
            let files = try archives.map { try AuditArchiveReader(path: $0) }
            let database = try StorageEngine.openExisting(storage.databasePath, migrationsDirectory: storage.migrationsDirectory)
            defer { database.close() }
            let report = try AuditChainVerifier.verify(database.audit, archives: files, anchor: head)
            if let first = files.first, first.header.first.prevHash != AuditChain.genesis {
                print("the archives start after the cut through event \(first.header.first.id - 1): the events before it are not checked")
            }
            for archive in report.archives {
                print("archive \(archive.name) intact: \(archive.cut.summary)")
            }
            if let broken = report.firstBreak {
                print("audit chain BROKEN at event \(broken.eventID)\(report.brokenIn.map { " in archive \($0)" } ?? ""): \(broken)")
                print("\(report.intact) event(s) before it are intact" + (report.head.map { " (last intact: event \($0.id), \($0.hash))" } ?? ""))
                throw ExitCode.failure
            }
            let archived = report.archives.reduce(0) { $0 + $1.cut.range.events }
            if let cut = report.cut, files.isEmpty {
                print("the database's events follow the archive cut through event \(cut.range.through.id): \(cut.summary); "
                    + "give the archive files with --archive to check them too")
            }
            let counted = archived > 0 ? " (\(archived) archived, \(report.intact - archived) in the database)" : ""
            let after = report.cut.map { files.isEmpty ? " after the archive cut through event \($0.range.through.id)" : "" } ?? ""
            print("audit chain intact: \(report.intact) event(s)\(after)\(counted)" + (report.head.map { ", head event \($0.id) \($0.hash)" } ?? ""))
        }
    }
}
