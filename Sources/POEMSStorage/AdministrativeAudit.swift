import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The audit events of administrative acts done outside HTTP: a key created
/// or revoked, terminology imported, migrations applied, a case purged.
/// They go into the same hash chain as the requests' events, with these
/// fields:
///
/// - `key_name`: the actor, `cli:<user>` (the effective user's login name,
///   or its uid when it has none);
/// - `action`: `key.create`, `key.revoke`, `terminology.import`,
///   `migration.apply`, `case.purge`;
/// - `method`: `CLI`;
/// - `route`: the command and what it acted on (`poemsd keys create ops
///   (admin)`), never a token or a file's content;
/// - `case_id`: the purged case's id for `case.purge`, otherwise none;
/// - `status`: 0 (done; a failed act is not recorded);
/// - `request_id`: one random id per command run, shared by its events;
/// - `client_address`: none.
public enum AdministrativeAudit {
    /// The method of every administrative event.
    public static let method = "CLI"

    /// `cli:<user>` for the user this process runs as.
    public static func commandLineActor() -> String {
        let uid = geteuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, !String(cString: name).isEmpty {
            return "cli:" + String(cString: name)
        }
        return "cli:\(uid)"
    }

    /// The event of `action` by `actor` (on the case `caseID`), described by `route`, in the run `requestID`.
    public static func event(actor: String, action: String, route: String, caseID: String? = nil, requestID: String) -> AuditEvent {
        AuditEvent(keyName: actor, action: action, method: method, route: route, caseID: caseID, status: 0,
                   requestID: requestID, clientAddress: nil)
    }
}

extension AuditLog {
    /// Appends `event` and returns once it is durable; throws when it failed.
    public func appendAndWait(_ event: AuditEvent) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Void, any Error>>(.success(()))
        append(event) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 }.get()
    }
}
