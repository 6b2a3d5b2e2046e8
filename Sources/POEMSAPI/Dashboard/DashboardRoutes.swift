import HTTPServer

/// `GET /dashboard`: a small page for people, on the public API only. It
/// carries no data (the page asks for an API key and reads the API with
/// it), so it is served without a key; its script and style sheet are
/// separate resources so that a strict Content-Security-Policy can forbid
/// every inline script and style and every other origin. The three are
/// resource files (`Resources/dashboard/`), compiled into the binary.
enum DashboardRoutes {
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static func register(in router: inout Router) {
        serve(&router, "/dashboard", PackageResources.dashboard_html, type: "text/html; charset=utf-8")
        serve(&router, "/dashboard/app.js", PackageResources.dashboard_js, type: "application/javascript; charset=utf-8")
        serve(&router, "/dashboard/app.css", PackageResources.dashboard_css, type: "text/css; charset=utf-8")
    }

    private static func serve(_ router: inout Router, _ path: String, _ body: [UInt8], type: String) {
        let headers = StaticDocument.headers(body, type: type, contentSecurityPolicy: contentSecurityPolicy)
        router.get(path, options: StaticDocument.options) { _, _ in
            HTTPResponse(status: 200, headers: headers, body: body)
        }
    }
}
