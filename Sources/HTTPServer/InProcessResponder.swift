import Dispatch

extension HTTPServer {
    /// Answers `request` in process: the same route matching, middleware
    /// chain, handler, rendering and finishing (request id, `Server`, CORS,
    /// compression, a route's problem format) as a request read from a
    /// socket, without libmicrohttpd, a port or a started server. The chain
    /// runs where it would for a socket's request: on a worker, or inline
    /// for a route declared `runsOnPollingThread` and for async handlers.
    ///
    /// The in-process mode of tests (as HummingbirdTesting's `.router`):
    /// what only the socket layer does (request syntax, body limits by
    /// `Content-Length`, connection deadlines, the bytes libmicrohttpd
    /// writes) is left to the live tests. Such a request is not counted in
    /// flight and does not hold shutdown.
    public func respond(to request: HTTPRequest, remoteAddress: String? = "127.0.0.1") async -> HTTPResponse {
        let run = dispatcher.prepare(request, remoteAddress: remoteAddress, annotations: RequestAnnotations(), receivedAt: .now,
                                     refusal: nil, bodyLimitExceeded: nil)
        return await withCheckedContinuation { continuation in
            if run.inline {
                run.start { continuation.resume(returning: $0) }
            } else {
                DispatchQueue.global().async { run.start { continuation.resume(returning: $0) } }
            }
        }
    }
}
