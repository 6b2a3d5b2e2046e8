/// Maps a method and a path to a handler. It only routes: no error rendering,
/// no logging, no I/O.
///
/// Patterns are literal segments and `{name}` parameters:
/// `/v1/cases/{id}/revisions`. A `HEAD` request is routed like `GET`.
public struct Router: Sendable {
    struct Route: Sendable {
        let method: String
        let pattern: String
        let segments: [Segment]
        let handler: Handler
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

    public init() {}

    /// Registers `handler` for `method` requests whose path matches `pattern`.
    public mutating func add(_ method: String, _ pattern: String, _ handler: Handler) {
        let segments = Self.split(pattern).map { part -> Segment in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        precondition(!routes.contains { $0.method == method && $0.segments == segments }, "duplicate route \(method) \(pattern)")
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler.Immediate) { add("GET", pattern, .immediate(handler)) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler.Immediate) { add("POST", pattern, .immediate(handler)) }
    public mutating func put(_ pattern: String, _ handler: @escaping Handler.Immediate) { add("PUT", pattern, .immediate(handler)) }
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler.Immediate) { add("DELETE", pattern, .immediate(handler)) }

    /// Finds the handler for `method` and `path`.
    public func match(method: String, path: String) -> Match {
        let parts = Self.split(path)
        let lookup = method == "HEAD" ? "GET" : method
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.bind(route.segments, to: parts) else { continue }
            if route.method == lookup {
                return .found(handler: route.handler, route: route.pattern, parameters: parameters)
            }
            allowed.append(route.method)
            if route.method == "GET" { allowed.append("HEAD") }
        }
        var seen: Set<String> = []
        allowed = allowed.filter { seen.insert($0).inserted }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
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
