/// What a route runs.
public enum Handler: Sendable {
    public typealias Immediate = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse
    public typealias Deferred = @Sendable (HTTPRequest, RequestContext, ResponseSink) -> Void

    /// Runs on the polling thread and answers at once. For work that does not
    /// block (no fsync, no waiting on locks held across I/O).
    case immediate(Immediate)

    /// Answers later, from any thread, through the `ResponseSink`. The
    /// connection is suspended meanwhile, so the polling thread is free.
    case deferred(Deferred)

    /// A deferred handler written as an async function. It runs on Swift's
    /// cooperative thread pool: never block that pool while waiting for it.
    public static func async(_ body: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse) -> Handler {
        .deferred { request, context, sink in
            Task {
                do { sink.complete(.success(try await body(request, context))) } catch { sink.complete(.failure(error)) }
            }
        }
    }
}
