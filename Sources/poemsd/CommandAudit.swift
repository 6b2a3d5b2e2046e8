import Foundation
import POEMSAPI
import POEMSStorage

/// The audit events of one command run (`AdministrativeAudit`): the actor
/// `cli:<user>` and one request id shared by the run's events. An event is
/// appended once its act committed, and the command waits until it is
/// durable: a command killed between the two leaves the act unrecorded
/// (the window is one commit). A case purge's event commits in the purge's
/// own transaction instead (`event`).
struct CommandAudit {
    let actor = AdministrativeAudit.commandLineActor()
    let requestID = "cli-" + UUID().uuidString.lowercased()

    func record(_ action: String, _ route: String, in storage: any Storage) throws {
        try storage.audit.appendAndWait(event(action, route))
    }

    /// The event of `action` (on the case `caseID`), appended by the
    /// caller, or committed with the act itself by a store (a case purge).
    func event(_ action: String, _ route: String, caseID: String? = nil) -> AuditEvent {
        AdministrativeAudit.event(actor: actor, action: action, route: route, caseID: caseID, requestID: requestID)
    }

    /// One `migration.apply` event per migration `command` applied.
    func recordMigrations(_ applied: [Migration], by command: String, in storage: any Storage) throws {
        for migration in applied { try record("migration.apply", "poemsd \(command): \(migration.name)", in: storage) }
    }
}
