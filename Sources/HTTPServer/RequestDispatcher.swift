import Logging

/// Turns a complete request into a response: routing, error rendering,
/// request ids. Independent of libmicrohttpd, so it holds no socket state.
struct RequestDispatcher: Sendable {
    let router: Router
    let lifecycle: ServerLifecycle
    let logger: Logger
    let maximumBodyBytes: Int
    let cors: CORSPolicy?
    let serverHeader: String?

    /// What the transport must do next.
    enum Outcome {
        case respond(HTTPResponse)
        /// Suspend the connection; `start` runs the handler, which later
        /// calls the given completion with the final response.
        case defer_(start: (@escaping @Sendable (HTTPResponse) -> Void) -> Void)
    }

    func dispatch(_ request: HTTPRequest, requestID: String, remoteAddress: String?, annotations: RequestAnnotations,
                  bodyTooLarge: Bool, routeLabel: inout String) -> Outcome {
        let logger = self.logger.with(requestID: requestID)
        var context = RequestContext(requestID: requestID, remoteAddress: remoteAddress, logger: logger, annotations: annotations)
        let origin = request.headers["Origin"]
        let finish: @Sendable (HTTPResponse) -> HTTPResponse = { response in self.finish(response, requestID, origin: origin) }

        if let cors, CORSPolicy.isPreflight(request) {
            let method = request.headers["Access-Control-Request-Method"] ?? ""
            switch router.match(method: method, path: request.path) {
            case .notFound:
                routeLabel = "unmatched"
            case .methodNotAllowed(let allowed):
                routeLabel = "preflight"
                return .respond(self.finish(cors.preflight(request, methods: allowed), requestID, origin: nil))
            case .found(_, let route, _):
                routeLabel = route
                return .respond(self.finish(cors.preflight(request, methods: [method]), requestID, origin: nil))
            }
        }

        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            routeLabel = "unmatched"
            return .respond(finish(ProblemDetails.notFound("No resource at \(request.path).").response(requestID: requestID)))
        case .methodNotAllowed(let allowed):
            routeLabel = "unmatched"
            return .respond(finish(ProblemDetails.methodNotAllowed(request.method, allowed: allowed).response(requestID: requestID)))
        case .found(let handler, let route, let parameters):
            routeLabel = route
            context.pathParameters = parameters
            context.route = route
            if bodyTooLarge {
                return .respond(finish(ProblemDetails.contentTooLarge(limit: maximumBodyBytes).response(requestID: requestID)))
            }
            switch handler {
            case .immediate(let run):
                return .respond(finish(render(requestID, logger) { try run(request, context) }))
            case .deferred(let run):
                return .defer_ { completion in
                    let sink = ResponseSink { result in
                        completion(finish(self.render(requestID, logger) { try result.get() }))
                    }
                    run(request, context, sink)
                }
            }
        }
    }

    /// Runs `body`, rendering thrown problems, and any other error as a 500
    /// that reveals nothing of the server's internals.
    private func render(_ requestID: String, _ logger: Logger, _ body: () throws -> HTTPResponse) -> HTTPResponse {
        do {
            return try body()
        } catch let error as any ResponseError {
            return error.response(requestID: requestID)
        } catch {
            // The error's type only: its description could carry request data.
            logger.error("handler failed", metadata: ["error_type": "\(type(of: error))"])
            return ProblemDetails.internalError().response(requestID: requestID)
        }
    }

    /// Adds what every response carries: the request id, the `Server`
    /// field, the CORS fields for a request from `origin` and, while
    /// shutting down, `Connection: close`.
    func finish(_ response: HTTPResponse, _ requestID: String, origin: String?) -> HTTPResponse {
        var response = response
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

extension Logger {
    func with(requestID: String) -> Logger {
        var logger = self
        logger[metadataKey: "request_id"] = "\(requestID)"
        return logger
    }
}
