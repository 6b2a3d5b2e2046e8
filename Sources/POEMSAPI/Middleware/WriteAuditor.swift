import HTTPServer
import POEMSStorage
import Synchronization

/// The audit event of one write, for the store to commit in the write's
/// own transaction (`WriteAudit`). When the store reports that the write's
/// transaction committed (`settle`), ``AuditMiddleware`` records nothing
/// more; otherwise (a validation error before the store, a storage failure)
/// it appends the event itself.
final class WriteAuditor: Sendable, ContextKey {
    typealias Value = WriteAuditor

    private let context: RequestContext
    private let request: HTTPRequest
    private let action: String
    private let committed = Atomic<Bool>(false)

    init(context: RequestContext, request: HTTPRequest, action: String) {
        self.context = context
        self.request = request
        self.action = action
    }

    /// The store's audit closure: the event for a result, with the status
    /// it is answered with and the case it is about.
    func audit<T>(status: @escaping @Sendable (Result<T, any Error>) -> Int,
                  caseID: @escaping @Sendable (Result<T, any Error>) -> String?) -> WriteAudit<T> {
        { [self] result in
            AuditMiddleware.event(context, request, action: action, caseID: caseID(result), status: status(result))
        }
    }

    /// Called with the store's result before answering: the event was
    /// committed with the write unless the store itself failed.
    func settle<T>(_ result: Result<T, any Error>) {
        if case .failure(let error) = result, error is DatabaseError { return }
        committed.store(true, ordering: .releasing)
    }

    var isCommitted: Bool { committed.load(ordering: .acquiring) }
}
