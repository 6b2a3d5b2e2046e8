import Synchronization

/// Where a deferred handler delivers its answer, exactly once, from any thread.
public final class ResponseSink: Sendable {
    private let deliver: Mutex<(@Sendable (Result<HTTPResponse, any Error>) -> Void)?>

    public init(_ deliver: @escaping @Sendable (Result<HTTPResponse, any Error>) -> Void) {
        self.deliver = Mutex(deliver)
    }

    /// Delivers the response or the error to render. Later calls are ignored.
    public func complete(_ result: Result<HTTPResponse, any Error>) {
        let callback = deliver.withLock { callback -> (@Sendable (Result<HTTPResponse, any Error>) -> Void)? in
            defer { callback = nil }
            return callback
        }
        callback?(result)
    }

    public func complete(_ response: HTTPResponse) { complete(.success(response)) }
}
