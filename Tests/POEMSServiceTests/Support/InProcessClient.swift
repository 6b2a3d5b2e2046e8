import Foundation
import HTTPServer

extension TestService {
    /// The in-process mode: `method path` through the service's router,
    /// middleware and handlers without a socket (`HTTPServer.respond(to:)`),
    /// as HummingbirdTesting's `.router` mode. Credentials are explicit:
    /// `token` is sent as the bearer token when given, nothing otherwise.
    func respond(_ method: String, _ path: String, json: String? = nil, token: String?, headers: [(String, String)] = []) async -> WireResponse {
        let (route, query) = Self.split(path)
        var fields = HTTPHeaders()
        if let token { fields.set("Authorization", "Bearer \(token)") }
        if json != nil { fields.set("Content-Type", "application/json") }
        for (name, value) in headers { fields.add(name, value) }
        let request = HTTPRequest(method: method, path: route, query: query, headers: fields, body: Array((json ?? "").utf8))
        let response = await service.server.respond(to: request)
        return WireResponse(status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body)
    }

    /// A request target's path and its query parameters, percent-decoded.
    private static func split(_ target: String) -> (String, QueryParameters) {
        guard let mark = target.firstIndex(of: "?") else { return (target, QueryParameters()) }
        let items = target[target.index(after: mark)...].split(separator: "&").map { pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).removingPercentEncoding ?? String($0) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        return (String(target[..<mark]), QueryParameters(items))
    }
}
