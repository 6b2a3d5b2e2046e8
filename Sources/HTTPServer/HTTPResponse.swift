import Foundation

/// An HTTP response to send: status, header fields and a complete body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = .init(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
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

/// The JSON settings shared by every response, so that the same value always
/// encodes to the same bytes (which makes strong ETags possible).
public enum JSONCoding {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The same, indented for people (command-line output).
    public static var prettyEncoder: JSONEncoder {
        let encoder = encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }
}
