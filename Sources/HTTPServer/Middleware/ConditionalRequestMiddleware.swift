/// Conditional GET (RFC 9110 §13.1.2), once for every route: a `GET` or
/// `HEAD` whose `If-None-Match` names the `ETag` of the 200 the route
/// answers (or is `*`) is answered 304 with the representation's length,
/// its `ETag` and its caching fields, no body.
///
/// A route that can tell its current strong tag cheaply
/// (``RouteOptions/currentEntityTag``, one indexed lookup) is answered 304
/// without running its handler, once this middleware has seen a 200 with
/// that tag and so knows the length to state (libmicrohttpd states one on
/// every 304, and only the 200's is allowed, RFC 9110 §8.6).
public struct ConditionalRequestMiddleware: RouterMiddleware {
    let lengths: RepresentationLengths

    /// Header fields a 304 keeps from the 200 it stands for (RFC 9110 §15.4.5).
    static let kept = ["ETag", "Cache-Control", "Vary", "Content-Location", "Expires", "Last-Modified"]

    public init(rememberedLengths: Int = 10_000) { lengths = RepresentationLengths(capacity: rememberedLengths) }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        guard request.method == "GET" || request.method == "HEAD" else { return next(request, context, sink) }
        let ifNoneMatch = request.headers.combined("If-None-Match")
        let probe = context.options.currentEntityTag
        if let ifNoneMatch, let probe {
            do {
                if let etag = try probe(request, context), Self.matches(ifNoneMatch, etag), let length = lengths.length(of: etag) {
                    return sink.complete(.success(.notModified(headers: ["ETag": etag], representationLength: length)))
                }
            } catch {
                return sink.complete(.failure(error))
            }
        }
        guard ifNoneMatch != nil || probe != nil else { return next(request, context, sink) }
        next(request, context, sink) { [lengths] result in
            result.map { response in
                guard response.status == 200, let etag = response.headers["ETag"] else { return response }
                if probe != nil && !etag.hasPrefix("W/") { lengths.remember(response.body.count, for: etag) }
                guard let ifNoneMatch, Self.matches(ifNoneMatch, etag) else { return response }
                var headers = HTTPHeaders()
                for field in response.headers where Self.kept.contains(where: { field.name.caseInsensitiveEquals($0) }) {
                    headers.add(field.name, field.value)
                }
                return .notModified(headers: headers, representationLength: response.body.count)
            }
        }
    }

    /// True when an `If-None-Match` value names `etag` (weak comparison) or is `*`.
    public static func matches(_ ifNoneMatch: String, _ etag: String) -> Bool {
        let opaque = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        return ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingOptionalWhitespace
            return tag == "*" || tag == opaque || tag == "W/" + opaque
        }
    }
}
