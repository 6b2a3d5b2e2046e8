import FastJSON
import Foundation

/// An HTTP response to send: status, header fields and a complete body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// For a 304: the length of the representation a 200 would carry, sent
    /// as its `Content-Length` (RFC 9110 §8.6: a 304 may only state that
    /// length, never `0`). libmicrohttpd 0.9.75 always states one.
    public var representationLength: Int?

    public init(status: Int, headers: HTTPHeaders = .init(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// 304 Not Modified for a representation of `representationLength`
    /// bytes: the given fields, no body.
    public static func notModified(headers: HTTPHeaders, representationLength: Int) -> HTTPResponse {
        var response = HTTPResponse(status: 304, headers: headers)
        response.representationLength = representationLength
        return response
    }

    /// A response whose body is `value` encoded as JSON.
    ///
    /// - Parameter contentType: `application/json` unless a more specific
    ///   JSON media type applies (`application/health+json`, ...).
    public static func json<T: Encodable>(_ value: T, status: Int = 200, contentType: String = "application/json", headers: HTTPHeaders = .init()) throws -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", contentType)
        return HTTPResponse(status: status, headers: headers, body: Array(try JSONCoding.encoder.encode(value)))
    }

    /// A response whose body is already-encoded JSON.
    public static func json(bytes: [UInt8], status: Int = 200, contentType: String = "application/json", headers: HTTPHeaders = .init()) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", contentType)
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }
}
