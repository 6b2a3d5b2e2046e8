import Dispatch

/// One step of the request path, in the style of Hummingbird's
/// `RouterMiddleware`: it sees the request and its context on the way in
/// and the result on the way out, and passes them on with `next`, or
/// answers itself (throws a problem, say) without calling it.
///
/// The chain is written in continuation-passing style rather than `async`,
/// so that an answer that comes from another thread (a write acknowledged
/// by the group-commit writer) goes straight to its connection. A
/// middleware delivers exactly one result to `sink`; one that only checks
/// the request passes `sink` on unchanged.
/// ```swift
/// struct Deny: RouterMiddleware {
///     func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
///         guard request.headers["X-Allowed"] != nil else { return sink.complete(.failure(ProblemDetails.notFound("No."))) }
///         next(request, context, sink) { result in result.map { var r = $0; r.headers.set("X-Checked", "1"); return r } }
///     }
/// }
/// router.add(middleware: Deny())
/// ```
public protocol RouterMiddleware: Sendable {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink)
}

/// The rest of the chain after a middleware: the middleware after it and,
/// last, the route's handler.
public struct Responder: Sendable {
    let run: @Sendable (HTTPRequest, RequestContext, ResponseSink) -> Void

    init(_ run: @escaping @Sendable (HTTPRequest, RequestContext, ResponseSink) -> Void) { self.run = run }

    /// Runs the rest of the chain; its result goes to `sink`.
    public func callAsFunction(_ request: HTTPRequest, _ context: RequestContext, _ sink: ResponseSink) {
        run(request, context, sink)
    }

    /// Runs the rest of the chain; `transform` turns its result into the
    /// one `sink` gets, on whichever thread the result comes.
    public func callAsFunction(_ request: HTTPRequest, _ context: RequestContext, _ sink: ResponseSink,
                               transform: @escaping @Sendable (Result<HTTPResponse, any Error>) -> Result<HTTPResponse, any Error>) {
        run(request, context, ResponseSink { sink.complete(transform($0)) })
    }

    /// `middlewares` (the first outermost) around `endpoint`.
    static func chain(_ middlewares: [any RouterMiddleware], around endpoint: Responder) -> Responder {
        middlewares.reversed().reduce(endpoint) { next, middleware in
            Responder { request, context, sink in middleware.handle(request, context: context, next: next, sink: sink) }
        }
    }

    /// The end of every chain: the matched route's handler.
    static let handler = Responder { request, context, sink in
        switch context.handler {
        case .immediate(let run):
            sink.complete(Result { try run(request, context) })
        case .deferred(let run):
            // A deferred answer comes from the thread that finished the work
            // (GRDB's writer queue, a PostgreSQL event loop): the way out of
            // the chain (rendering, the access log, metrics, compression)
            // hops back to a worker, so that it never runs on the writer
            // ahead of its next batch.
            run(request, context, ResponseSink { result in DispatchQueue.global().async { sink.complete(result) } })
        case .asynchronous(let body):
            Task {
                do { sink.complete(.success(try await body(request, context))) } catch { sink.complete(.failure(error)) }
            }
        }
    }
}

extension Result where Success == HTTPResponse {
    /// The status this result is answered with: the response's, a
    /// `ResponseError`'s, or 500 for any other error.
    public var status: Int {
        switch self {
        case .success(let response): response.status
        case .failure(let error): (error as? any ResponseError)?.status ?? 500
        }
    }
}
