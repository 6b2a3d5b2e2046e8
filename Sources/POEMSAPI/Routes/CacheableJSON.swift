import FastJSON
import Foundation
import HTTPServer

/// A JSON document encoded once, with a strong `ETag` derived from its bytes
/// (the conditional GET middleware answers 304 when the client has it).
struct CacheableJSON: Sendable {
    let body: [UInt8]
    let etag: String

    /// `private`: every route that serves one requires an API key, and a
    /// shared cache must not hand it to a client without one.
    static let cacheControl = "private, max-age=3600"

    init<T: Encodable>(_ value: T) throws {
        self.init(bytes: Array(try JSONCoding.encoder.encode(value)))
    }

    init(bytes: [UInt8]) {
        body = bytes
        etag = EntityTag.of(bytes)
    }

    /// 200 with the document and its `ETag`.
    var response: HTTPResponse { .json(bytes: body, headers: ["ETag": etag]) }
}
