import Foundation
import HTTPServer

/// A JSON document encoded once, with a strong `ETag` derived from its bytes,
/// answered with 304 when the client already has it.
struct CacheableJSON: Sendable {
    let body: [UInt8]
    let etag: String

    init<T: Encodable>(_ value: T) throws {
        self.init(bytes: Array(try JSONCoding.encoder.encode(value)))
    }

    init(bytes: [UInt8]) {
        body = bytes
        etag = EntityTag.of(bytes)
    }


    /// 200 with the document, or 304 when `If-None-Match` names its tag.
    /// `private`: every route that serves one requires an API key, and a
    /// shared cache must not hand it to a client without one.
    func response(to request: HTTPRequest, cacheControl: String = "private, max-age=3600") -> HTTPResponse {
        ConditionalRequest.respond(to: request, body: body, etag: etag, headers: ["Cache-Control": cacheControl])
    }
}

/// RFC 9110 §13.1 conditional request checks.
enum ConditionalRequest {
    /// 200 with `body` (JSON), or 304 when `If-None-Match` names `etag`;
    /// both with `ETag` and `headers`.
    static func respond(to request: HTTPRequest, body: [UInt8], etag: String, headers: HTTPHeaders) -> HTTPResponse {
        var headers = headers
        headers.set("ETag", etag)
        if ifNoneMatch(request.headers.combined("If-None-Match"), matches: etag) {
            return .notModified(headers: headers, representationLength: body.count)
        }
        return .json(bytes: body, headers: headers)
    }

    /// True when an `If-None-Match` value names `etag` (weak comparison) or is `*`.
    static func ifNoneMatch(_ header: String?, matches etag: String) -> Bool {
        guard let header else { return false }
        let opaque = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        return header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingOptionalWhitespace
            return tag == "*" || tag == opaque || tag == "W/" + opaque
        }
    }
}
