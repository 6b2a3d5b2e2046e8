import HTTPServer

/// A representation served the same to every client, without a key (the
/// dashboard and its assets, the public criteria pages): its header fields
/// and route options. `Cache-Control: no-cache` with a strong `ETag`, so a
/// browser revalidates cheaply (304) and sees a new release at once.
enum StaticDocument {
    static let options = RouteOptions(cacheControl: "no-cache", runsOnPollingThread: true)

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
