import Synchronization

/// What the chain learns about a request that the transport and the
/// request's log line need back (its id, which API key made it), written
/// from any thread before it completes. Shared by every copy of the
/// request's context.
public final class RequestAnnotations: Sendable {
    private let values = Mutex<[String: String]>([:])
    private let id: Mutex<String>

    public init() { id = Mutex(RequestID.generate()) }

    /// Records `value` under `name` in the request's log line.
    public func set(_ name: String, _ value: String) {
        values.withLock { $0[name] = value }
    }

    /// The value recorded under `name`.
    public subscript(name: String) -> String? { values.withLock { $0[name] } }

    var all: [String: String] { values.withLock { $0 } }

    /// The request's id (``RequestContext/requestID``).
    var requestID: String {
        get { id.withLock { $0 } }
        set { id.withLock { $0 = newValue } }
    }
}
