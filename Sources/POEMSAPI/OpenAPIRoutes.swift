import HTTPServer

/// `GET /openapi.json`: the OpenAPI 3.1 description of every endpoint.
enum OpenAPIRoutes {
    static func register(in router: inout Router) {
        let body = Array(OpenAPIDocument.json.utf8)
        router.get("/openapi.json") { _, _ in
            .json(bytes: body, headers: ["Cache-Control": "public, max-age=300"])
        }
    }
}
