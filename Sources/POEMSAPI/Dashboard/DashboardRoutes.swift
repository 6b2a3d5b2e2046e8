import HTTPServer

/// `GET /dashboard`: a small page for people, on the public API only. It
/// carries no data (the page asks for an API key and reads the API with
/// it), so it is served without a key; its script and style sheet are
/// separate resources so that a strict Content-Security-Policy can forbid
/// every inline script and style and every other origin.
enum DashboardRoutes {
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static func register(in router: inout Router) {
        serve(&router, "/dashboard", DashboardPage.html, type: "text/html; charset=utf-8")
        serve(&router, "/dashboard/app.js", DashboardScript.javascript, type: "application/javascript; charset=utf-8")
        serve(&router, "/dashboard/app.css", DashboardStyle.css, type: "text/css; charset=utf-8")
    }

    private static func serve(_ router: inout Router, _ path: String, _ text: String, type: String) {
        let body = Array(text.utf8)
        let headers = StaticDocument.headers(body, type: type, contentSecurityPolicy: contentSecurityPolicy)
        router.get(path, options: StaticDocument.options) { _, _ in
            HTTPResponse(status: 200, headers: headers, body: body)
        }
    }
}
