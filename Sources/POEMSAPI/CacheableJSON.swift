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
    func response(to request: HTTPRequest, cacheControl: String = "public, max-age=3600") -> HTTPResponse {
        var headers: HTTPHeaders = ["ETag": etag, "Cache-Control": cacheControl]
        if ConditionalRequest.ifNoneMatch(request.headers.combined("If-None-Match"), matches: etag) {
            return HTTPResponse(status: 304, headers: headers)
        }
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: 200, headers: headers, body: body)
    }
}

/// RFC 9110 §13.1 conditional request checks.
enum ConditionalRequest {
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
