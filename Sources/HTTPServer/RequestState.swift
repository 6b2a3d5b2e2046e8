import Synchronization

/// The server's record of one request between libmicrohttpd's callbacks:
/// created when the headers arrive, released when the request completes.
///
/// libmicrohttpd calls back for one request on one thread at a time; only the
/// answer of a chain that completes on another thread crosses threads,
/// under `answer`'s lock.
final class RequestState: @unchecked Sendable {
    let method: String
    let path: String
    let startedAt: ContinuousClock.Instant
    /// The body as it arrives: the only copy the server keeps, handed to
    /// the request without copying.
    var body: [UInt8] = []
    /// The largest body accepted: the route's for the body's media type, or
    /// the server's (``Router/maximumBodyBytes(method:path:contentType:defaultLimit:)``).
    var maximumBodyBytes = 0
    var bodyTooLarge = false
    /// Body bytes read and dropped after the cap was passed.
    var discardedBytes = 0
    /// A problem to answer without routing (a target or headers too large).
    var refusal: ProblemDetails?
    /// The header fields, collected once when they arrive.
    var headers = HTTPHeaders()
    var dispatched = false
    var route = "unmatched"
    /// The format of the request's errors (``ProblemFormat``), once dispatched.
    var problemFormat: ProblemFormat?
    let annotations = RequestAnnotations()
    let answer = Mutex<Answer>(.pending)

    /// Where the request's answer is.
    enum Answer {
        /// The chain is running and the connection is not suspended.
        case pending
        /// The chain answered before the connection was suspended: queue it at once.
        case ready(HTTPResponse)
        /// The connection is suspended until the chain answers.
        case awaited(ConnectionHandle)
        /// The chain answered a suspended connection: queue it when libmicrohttpd calls back.
        case resumed(HTTPResponse)
        /// Queued.
        case sent
    }

    init(method: String, path: String) {
        self.method = method
        self.path = path
        self.startedAt = .now
    }
}
