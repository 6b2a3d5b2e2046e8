import Logging

/// One `info` line per request as its answer is ready: method, route
/// pattern (never the path or the query, which can carry identifiers),
/// status, latency from the head's arrival, request id, and what the chain
/// annotated (the API key's name). After ``RequestIDMiddleware``.
public struct LogRequestsMiddleware: RouterMiddleware {
    public init() {}

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        next(request, context, sink) { result in
            let elapsed = ContinuousClock.now - context.receivedAt
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            var metadata: Logger.Metadata = [
                "method": "\(request.method)",
                "route": "\(context.route)",
                "status": .stringConvertible(result.status),
                "latency_ms": .stringConvertible((milliseconds * 1000).rounded() / 1000),
            ]
            for (name, value) in context.annotations.all { metadata[name] = "\(value)" }
            context.logger.info("request", metadata: metadata)
            return result
        }
    }
}
