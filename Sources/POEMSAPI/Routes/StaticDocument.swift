import HTTPServer

/// A representation served the same to every client, without a key (the
/// dashboard and its assets, the public criteria pages): its header fields
/// and route options. `Cache-Control: no-cache` with a strong `ETag`, so a
/// browser revalidates cheaply (304) and sees a new release at once.
enum StaticDocument {
    static let options = RouteOptions(cacheControl: "no-cache", runsOnPollingThread: true)

    /// The Content-Security-Policy of a page that runs a script of its own
    /// against the public API (the dashboard, the work-up page): script,
    /// style and requests from the same origin only, nothing inline, not
    /// framable.
    static let scriptedPagePolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The fields of `body`: its type, the page's Content-Security-Policy,
    /// no MIME sniffing, no Referer sent on, and its entity tag.
    static func headers(_ body: [UInt8], type: String, contentSecurityPolicy: String) -> HTTPHeaders {
        [
            "Content-Type": type, "Content-Security-Policy": contentSecurityPolicy, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "ETag": EntityTag.of(body),
        ]
    }
}

extension StaticDocument {
    /// Serves `body` at `path` with ``headers(_:type:contentSecurityPolicy:)``, to every client.
    static func serve(_ router: inout Router, _ path: String, _ body: [UInt8], type: String, contentSecurityPolicy: String) {
        let headers = headers(body, type: type, contentSecurityPolicy: contentSecurityPolicy)
        router.get(path, options: options) { _, _ in HTTPResponse(status: 200, headers: headers, body: body) }
    }
}
