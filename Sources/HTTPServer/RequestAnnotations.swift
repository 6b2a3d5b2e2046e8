import Synchronization

/// Facts a handler learns about a request that belong in its log line
/// (which API key made it, say), written from any thread before it completes.
public final class RequestAnnotations: Sendable {
    private let values = Mutex<[String: String]>([:])

    public init() {}

    /// Records `value` under `name` in the request's log line.
    public func set(_ name: String, _ value: String) {
        values.withLock { $0[name] = value }
    }

    var all: [String: String] { values.withLock { $0 } }
}
