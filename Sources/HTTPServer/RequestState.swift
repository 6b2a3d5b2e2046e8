import Synchronization

/// The server's record of one request between libmicrohttpd's callbacks:
/// created when the headers arrive, released when the request completes.
///
/// libmicrohttpd calls back for one request on one thread at a time; only the
/// response of a deferred handler crosses threads, under `resumed`'s lock.
final class RequestState: @unchecked Sendable {
    let method: String
    let path: String
    let startedAt: ContinuousClock.Instant
    var body: [UInt8] = []
    var bodyTooLarge = false
    /// Body bytes read and dropped after the cap was passed.
    var discardedBytes = 0
    /// A problem to answer without routing (a target or headers too large).
    var refusal: ProblemDetails?
    /// The header fields, collected once when they arrive.
    var headers = HTTPHeaders()
    var dispatched = false
    var suspended = false
    var requestID = ""
    var route = "unmatched"
    var status = 0
    let annotations = RequestAnnotations()
    let resumed = Mutex<HTTPResponse?>(nil)

    init(method: String, path: String) {
        self.method = method
        self.path = path
        self.startedAt = .now
    }
}
