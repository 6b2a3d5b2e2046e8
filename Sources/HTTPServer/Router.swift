/// Maps a method and a path to a handler and its ``RouteOptions``, and holds
/// the middleware chain every request goes through. It only routes: no error
/// rendering, no logging, no I/O.
///
/// Patterns are literal segments and `{name}` parameters:
/// `/items/{id}/revisions`. A `HEAD` request is routed like `GET`.
public struct Router: Sendable {
    struct Route: Sendable {
        let method: String
        let pattern: String
        let segments: [Segment]
        let handler: Handler
        let options: RouteOptions
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// The outcome of matching a request.
    public enum Match: Sendable {
        case found(handler: Handler, route: String, parameters: [String: String])
        /// The path exists but not for this method; `allowed` lists the methods that are.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private var routes: [Route] = []
    /// Whether a route declares a body limit of its own for a media type.
    private var hasBodyLimitsByMediaType = false
    /// The chain, outermost first, in the order added.
    private(set) var middlewares: [any RouterMiddleware] = []

    public init() {}

    /// Adds `middleware` to the chain, inside those added before it. Every
    /// request goes through the chain, matched or not.
    public mutating func add(middleware: any RouterMiddleware) {
        middlewares.append(middleware)
    }

    /// Registers `handler` for `method` requests whose path matches `pattern`.
    public mutating func add(_ method: String, _ pattern: String, options: RouteOptions = RouteOptions(), _ handler: Handler) {
        let segments = Self.split(pattern).map { part -> Segment in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        precondition(!routes.contains { $0.method == method && $0.segments == segments }, "duplicate route \(method) \(pattern)")
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: handler, options: options))
        hasBodyLimitsByMediaType = hasBodyLimitsByMediaType || !options.maximumBodyBytesByMediaType.isEmpty
    }

    public mutating func get(_ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler.Immediate) {
        add("GET", pattern, options: options, .immediate(handler))
    }
    public mutating func post(_ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler.Immediate) {
        add("POST", pattern, options: options, .immediate(handler))
    }
    public mutating func put(_ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler.Immediate) {
        add("PUT", pattern, options: options, .immediate(handler))
    }
    public mutating func delete(_ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler.Immediate) {
        add("DELETE", pattern, options: options, .immediate(handler))
    }

    /// Finds the handler for `method` and `path`.
    public func match(method: String, path: String) -> Match {
        switch route(method: method, path: path) {
        case .found(let route, let parameters): .found(handler: route.handler, route: route.pattern, parameters: parameters)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed: allowed)
        case .notFound: .notFound
        }
    }

    enum RouteMatch {
        case found(Route, parameters: [String: String])
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    /// Finds the route for `method` and `path`.
    func route(method: String, path: String) -> RouteMatch {
        let parts = Self.split(path)
        let lookup = method == "HEAD" ? "GET" : method
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.bind(route.segments, to: parts) else { continue }
            if route.method == lookup {
                return .found(route, parameters: parameters)
            }
            allowed.append(route.method)
            if route.method == "GET" { allowed.append("HEAD") }
        }
        var seen: Set<String> = []
        allowed = allowed.filter { seen.insert($0).inserted }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    /// The body limit of a request: its route's limit for the media type of
    /// `contentType` (``RouteOptions/maximumBodyBytesByMediaType``), or
    /// `defaultLimit`.
    func maximumBodyBytes(method: String, path: String, contentType: String?, defaultLimit: Int) -> Int {
        guard hasBodyLimitsByMediaType, let contentType, case .found(let route, _) = route(method: method, path: path) else { return defaultLimit }
        return route.options.maximumBodyBytesByMediaType[MediaType.essence(contentType)] ?? defaultLimit
    }

    /// Every registered route as (method, pattern), in registration order.
    public var table: [(method: String, pattern: String)] { routes.map { ($0.method, $0.pattern) } }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    private static func bind(_ segments: [Segment], to parts: [Substring]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal):
                guard part == literal else { return nil }
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = String(part)
            }
        }
        return parameters
    }
}
