import Logging

/// Turns a complete request into a run of the middleware chain: the route
/// matched (or the problem that answers a request no route takes), the
/// explicit context, and where the chain runs; and renders the result.
/// Independent of libmicrohttpd, so it holds no socket state.
struct RequestDispatcher: Sendable {
    let router: Router
    let chain: Responder
    let lifecycle: ServerLifecycle
    let logger: Logger
    let cors: CORSPolicy?
    let serverHeader: String?
    let compression: ContentCoding?
    let problemTypePrefix: String

    init(router: Router, lifecycle: ServerLifecycle, logger: Logger, configuration: HTTPServerConfiguration) {
        self.router = router
        self.chain = Responder.chain(router.middlewares, around: .handler)
        self.lifecycle = lifecycle
        self.logger = logger
        self.cors = configuration.cors
        self.serverHeader = configuration.serverHeader
        self.compression = configuration.compression
        self.problemTypePrefix = configuration.problemTypePrefix
    }

    /// A request ready to go through the chain.
    struct Run: Sendable {
        let request: HTTPRequest
        let context: RequestContext
        /// Run on the polling thread: a route declared cheap, an answer
        /// without a route, or an async handler (its task is the hop).
        /// Otherwise the chain runs on a worker.
        let inline: Bool
        let chain: Responder
        /// The format of the request's errors, when its route has one the
        /// request asks for (``ProblemFormat``).
        let problemFormat: ProblemFormat?
        let finish: @Sendable (Result<HTTPResponse, any Error>) -> HTTPResponse

        /// Runs the chain; `deliver` gets the final response, once, on the
        /// thread that completes it.
        func start(_ deliver: @escaping @Sendable (HTTPResponse) -> Void) {
            chain(request, context, ResponseSink { deliver(finish($0)) })
        }
    }

    /// - Parameter bodyLimitExceeded: the limit the body exceeded (413), if it did.
    func prepare(_ request: HTTPRequest, remoteAddress: String?, annotations: RequestAnnotations, receivedAt: ContinuousClock.Instant,
                 refusal: ProblemDetails?, bodyLimitExceeded: Int?) -> Run {
        var origin = request.headers["Origin"]
        func run(_ route: String, _ options: RouteOptions, _ handler: Handler, _ parameters: [String: String] = [:]) -> Run {
            let context = RequestContext(route: route, options: options, handler: handler, pathParameters: parameters, remoteAddress: remoteAddress,
                                         logger: logger, annotations: annotations, receivedAt: receivedAt)
            let inline: Bool = if case .asynchronous = handler { true } else { options.runsOnPollingThread }
            let acceptEncoding = request.headers.combined("Accept-Encoding")
            let format = options.problemFormat.flatMap { $0.applies(to: request.headers) ? $0 : nil }
            return Run(request: request, context: context, inline: inline, chain: chain, problemFormat: format) { [origin] result in
                self.finish(self.render(result, annotations.requestID, format: format), annotations.requestID, origin: origin, acceptEncoding: acceptEncoding)
            }
        }
        /// Answers `problem` without running a handler, in the format of `route`'s errors when it has one.
        func refuse(_ route: String, _ problem: ProblemDetails, format: ProblemFormat? = nil) -> Run {
            var options = RouteOptions.unrouted
            options.problemFormat = format
            return run(route, options, .immediate { _, _ in throw problem })
        }
        if let refusal { return refuse("unmatched", refusal) }
        if let cors, CORSPolicy.isPreflight(request) {
            let method = request.headers["Access-Control-Request-Method"] ?? ""
            // A preflight's answer carries its own CORS fields.
            switch router.route(method: method, path: request.path) {
            case .notFound:
                break
            case .methodNotAllowed(let allowed):
                origin = nil
                return run("preflight", .unrouted, .immediate { request, _ in try cors.preflight(request, methods: allowed) })
            case .found(let route, _):
                origin = nil
                return run(route.pattern, .unrouted, .immediate { request, _ in try cors.preflight(request, methods: [method]) })
            }
        }
        switch router.route(method: request.method, path: request.path) {
        case .notFound:
            return refuse("unmatched", .notFound("No resource at \(request.path)."))
        case .methodNotAllowed(let allowed):
            return refuse("unmatched", .methodNotAllowed(request.method, allowed: allowed))
        case .found(let route, let parameters):
            if let limit = bodyLimitExceeded { return refuse(route.pattern, .contentTooLarge(limit: limit), format: route.options.problemFormat) }
            return run(route.pattern, route.options, route.handler, parameters)
        }
    }

    /// The response of a chain's result: a thrown `ResponseError` renders
    /// itself, a ``ProblemDetails`` in `format` when the request has one;
    /// any other error is a 500 that reveals nothing of the server's
    /// internals.
    func render(_ result: Result<HTTPResponse, any Error>, _ requestID: String, format: ProblemFormat? = nil) -> HTTPResponse {
        switch result {
        case .success(let response):
            return response
        case .failure(let problem as ProblemDetails):
            return render(problem, requestID, format: format)
        case .failure(let error as ResponseErrorWithHeaders):
            guard let problem = error.base as? ProblemDetails else { return error.response(requestID: requestID, problemTypePrefix: problemTypePrefix) }
            var response = render(problem, requestID, format: format)
            error.apply(&response.headers)
            return response
        case .failure(let error as any ResponseError):
            return error.response(requestID: requestID, problemTypePrefix: problemTypePrefix)
        case .failure(let error):
            // The error's type only: its description could carry request data.
            logger.error("handler failed", metadata: ["error_type": "\(type(of: error))", "request_id": "\(requestID)"])
            return render(ProblemDetails.internalError(), requestID, format: format)
        }
    }

    private func render(_ problem: ProblemDetails, _ requestID: String, format: ProblemFormat?) -> HTTPResponse {
        guard let format else { return problem.response(requestID: requestID, problemTypePrefix: problemTypePrefix) }
        return format.response(problem, requestID: requestID, problemTypePrefix: problemTypePrefix)
    }

    /// Adds what every response carries: the request id, the `Server`
    /// field, the CORS fields for a request from `origin` and, while
    /// shutting down, `Connection: close`; gzips the body when
    /// `acceptEncoding` allows and it is worth it.
    func finish(_ response: HTTPResponse, _ requestID: String, origin: String?, acceptEncoding: String? = nil) -> HTTPResponse {
        var response = compression?.encode(response, acceptEncoding: acceptEncoding) ?? response
        response.headers.set("X-Request-Id", requestID)
        if let serverHeader { response.headers.set("Server", serverHeader) }
        // Vary: Origin on every response when the answer depends on the origin.
        if let cors { cors.decorate(&response, origin: origin) }
        if lifecycle.isShuttingDown {
            response.headers.set("Connection", "close")
        }
        return response
    }
}
