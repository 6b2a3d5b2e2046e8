import ArgumentParser
import POEMSAPI
import POEMSStorage

/// `poemsd cases purge`: an administrator removes a case's clinical content
/// for good (docs/operations.md, "Case purge").
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer case records in an existing database (applies pending migrations first); purges are audited.",
        subcommands: [Purge.self])

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Purge a case for good: its revisions (input, note, evaluation), patient reference and idempotency records.",
            discussion: """
                The case stays as a tombstone: its id answers 410 Gone and is never reused, the change feed gets a \
                'purged' change, and the audit trail a case.purge event (actor cli:<user>, the case id, the reason code; \
                no clinical content). Purging a case purged before changes nothing and exits 0. DELETE /v1/cases/{id} \
                only hides a case; this cannot be undone (backups taken before keep the content).
                """)

        @Argument(help: "Id of the case (live or deleted).")
        var caseID: String
        @Option(help: ArgumentHelp("Why, as a code: it is recorded in the audit trail, so never free text.", valueName: "code"))
        var reason: PurgeReason
        @OptionGroup var storage: DatabaseOptions

        func run() throws {
            let audit = CommandAudit()
            let database = try storage.openMigrated("cases purge", audit: audit)
            defer { database.close() }
            let id = caseID, event = audit.event("case.purge", "poemsd cases purge \(caseID) (reason: \(reason.rawValue))", caseID: caseID)
            let outcome: PurgeOutcome
            do {
                // The event commits in the purge's transaction, and only with a purge done now.
                outcome = try database.cases.purgeAndWait(id: id) { result in
                    guard case .success(.purged) = result else { return nil }
                    return event
                }
            } catch CaseWriteError.notFound {
                throw UnknownCase(id: id)
            }
            switch outcome {
            case .purged(let revisions, let at):
                print("purged case \(id) at \(at): \(revisions) revision(s) and its patient reference removed; it answers 410 Gone from now on "
                      + "(audit event case.purge, reason \(reason.rawValue))")
            case .alreadyPurged(let at):
                print("case \(id) was purged before, at \(at): nothing to remove, nothing recorded")
            }
            print(try database.erasePurgedContent())
        }
    }
}

/// `cases purge` named an id the database does not know: it exits 1 with
/// this, having written nothing.
struct UnknownCase: Error, CustomStringConvertible {
    let id: String

    var description: String { "there is no case '\(id)' in this database (live, deleted or purged): nothing was purged" }
}
