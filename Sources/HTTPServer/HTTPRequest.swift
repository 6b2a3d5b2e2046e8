/// An HTTP request as received, with its body fully read.
public struct HTTPRequest: Sendable {
    /// The method as sent by the client (`GET`, `POST`, ...).
    public var method: String
    /// The path without the query string, as decoded by libmicrohttpd.
    public var path: String
    /// The query parameters, in order, percent-decoded.
    public var query: QueryParameters
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The limits `decodeJSON` checks the body against: the server's
    /// `HTTPServerConfiguration.jsonLimits`.
    public var jsonLimits: JSONLimits

    public init(method: String, path: String, query: QueryParameters = .init(), headers: HTTPHeaders = .init(), body: [UInt8] = [],
                jsonLimits: JSONLimits = JSONLimits()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.jsonLimits = jsonLimits
    }
}

/// Query parameters in the order they were sent. A name may repeat.
public struct QueryParameters: Sendable, Sequence {
    public private(set) var items: [(name: String, value: String)]

    public init(_ items: [(name: String, value: String)] = []) { self.items = items }

    /// The first value of `name`, or `nil` when absent.
    public subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    public func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    public var names: [String] { items.map(\.name) }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { items.makeIterator() }
}
