import HTTPServer
import POEMSStorage

/// Storage errors as the problems a client can act on. A full disk is 507
/// (nothing was saved; retry later), any other storage failure 503 with
/// `Retry-After`; a write that failed is never answered as saved.
enum StorageProblem {
    static func map(_ error: any Error) -> any Error {
        switch error {
        case CaseWriteError.notFound:
            ProblemDetails.notFound("No such case (it may have been deleted).")
        case CaseWriteError.revisionMismatch:
            ProblemDetails(type: ProblemDetails.typeURI("precondition-failed"), title: "Precondition Failed", status: 412,
                           detail: "The case changed while this request was in flight: read it again and reapply the change.")
        case DatabaseError.closed:
            ProblemDetails.serviceUnavailable("The service is shutting down; retry shortly.")
        case DatabaseError.diskFull:
            ProblemDetails(type: ProblemDetails.typeURI("insufficient-storage"), title: "Insufficient Storage", status: 507,
                           detail: "The server's disk is full: nothing was saved. Retry later; reads still work.", headers: ["Retry-After": "30"])
        case is DatabaseError:
            unavailable("The database cannot take this request right now: nothing was saved. Retry shortly.")
        default:
            error
        }
    }

    /// 503 with `Retry-After`: the database is unreachable, restarting or
    /// failing over (a transient state; the instance recovers by itself).
    static func unavailable(_ detail: String) -> ProblemDetails {
        var problem = ProblemDetails.serviceUnavailable(detail)
        problem.headers.set("Retry-After", "1")
        return problem
    }
}
