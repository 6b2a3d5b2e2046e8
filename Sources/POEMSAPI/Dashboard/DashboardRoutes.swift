import HTTPServer

/// `GET /dashboard`: a small page for people, on the public API only. It
/// carries no data (the page asks for an API key and reads the API with
/// it), so it is served without a key; its script and style sheet are
/// separate resources so that a strict Content-Security-Policy can forbid
/// every inline script and style and every other origin. The three are
/// resource files (`Resources/dashboard/`), compiled into the binary.
enum DashboardRoutes {
    static func register(in router: inout Router) {
        let policy = StaticDocument.scriptedPagePolicy
        StaticDocument.serve(&router, "/dashboard", PackageResources.dashboard_html, type: "text/html; charset=utf-8", contentSecurityPolicy: policy)
        StaticDocument.serve(&router, "/dashboard/app.js", PackageResources.dashboard_js, type: "application/javascript; charset=utf-8",
                             contentSecurityPolicy: policy)
        StaticDocument.serve(&router, "/dashboard/app.css", PackageResources.dashboard_css, type: "text/css; charset=utf-8",
                             contentSecurityPolicy: policy)
    }
}
