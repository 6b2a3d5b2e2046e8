import ArgumentParser
import POEMSAPI
import POEMSStorage

/// `poemsd audit verify`: checks the audit trail's hash chain.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the audit trail.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit trail's hash chain; exit 1 naming the first broken event when a row was changed, removed or inserted out of place.",
            discussion: "Reads an existing database (never creates or migrates one); safe while the server runs.")

        @Option(help: ArgumentHelp("A head recorded earlier (GET /v1/audit's chainHead): the chain must still pass through it, which catches a trail rewritten with recomputed hashes.",
                                   valueName: "id:hash"))
        var anchor: String?
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
            let database = try StorageEngine.openExisting(storage.databasePath, migrationsDirectory: storage.migrationsDirectory)
            defer { database.close() }
            let report = try AuditChainVerifier.verify(database.audit, anchor: head)
            if let broken = report.firstBreak {
                print("audit chain BROKEN at event \(broken.eventID): \(broken)")
                print("\(report.intact) event(s) before it are intact" + (report.head.map { " (last intact: event \($0.id), \($0.hash))" } ?? ""))
                throw ExitCode.failure
            }
            print("audit chain intact: \(report.intact) event(s)" + (report.head.map { ", head event \($0.id) \($0.hash)" } ?? ""))
        }
    }
}
