import HTTPServer
import POEMSStorage

/// Storage errors as the problems a client can act on. Any storage failure
/// (a full disk, a read-only or immutable file, the database file removed
/// or replaced, I/O) is 503 `storage-unavailable` with `Retry-After`:
/// nothing was saved, and the same request may succeed later or on another
/// instance. A write whose outcome is unknown (PostgreSQL: the connection
/// failed during its transaction) is answered the same way, saying so: a
/// retry with its Idempotency-Key is safe. A write that failed is never
/// answered as saved.
enum StorageProblem {
    /// Seconds a client should wait before retrying after a full disk
    /// (space comes back when an operator acts) and after other failures.
    static let diskFullRetryAfter = 30
    static let retryAfter = 5

    static func map(_ error: any Error) -> any Error {
        switch error {
        case CaseWriteError.notFound:
            ProblemDetails.notFound("No such case (it may have been deleted).")
        case CaseWriteError.purged(let at):
            purged(at: at)
        case CaseWriteError.revisionMismatch:
            ProblemDetails(type: ProblemDetails.typeURI("precondition-failed"), title: "Precondition Failed", status: 412,
                           detail: "The case changed while this request was in flight: read it again and reapply the change.")
        case DatabaseError.closed:
            ProblemDetails.serviceUnavailable("The service is shutting down; retry shortly.")
        case DatabaseError.diskFull:
            unavailable("The server's disk is full: nothing was saved. Retry later; reads still work.", retryAfter: diskFullRetryAfter)
        case DatabaseError.unavailable(let reason):
            // The reason names no file or data: "the database file was replaced while the server ran".
            unavailable("The database cannot serve this request (\(reason)); nothing was saved. Retry on another instance or later.")
        case DatabaseError.outcomeUnknown(let reason):
            unavailable("The database stopped answering during this write (\(reason)): it was not acknowledged and may or may not have been saved. "
                        + "A create retried with the same Idempotency-Key is saved once; otherwise read the case before retrying "
                        + "(a change sent again with its If-Match is refused with 412 if the first one was saved).")
        case is DatabaseError:
            unavailable("The database cannot take this request right now: nothing was saved. Retry shortly.")
        default:
            error
        }
    }

    /// 410 `case-purged`: an administrator purged the case at `at`; none of
    /// its content exists any more, and its id is never given to another.
    static func purged(at: String, id: String? = nil) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("case-purged"), title: "Gone", status: 410,
                       detail: "\(id.map { "Case '\($0)'" } ?? "This case") was purged by an administrator at \(at): its content no longer exists, "
                           + "and its id is never reused.")
    }

    static func unavailable(_ detail: String, retryAfter: Int = retryAfter) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("storage-unavailable"), title: "Service Unavailable", status: 503, detail: detail,
                       headers: ["Retry-After": "\(retryAfter)"])
    }
}
