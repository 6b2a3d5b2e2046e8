import Foundation
import HTTPServer

/// `GET /openapi.json`: the OpenAPI 3.1 description of every endpoint.
///
/// The document is the file `Sources/POEMSAPI/openapi.json`, compiled into
/// the binary by SwiftPM (`.embedInCode`), so a copied static binary serves
/// it too. Its `info.version` there is the placeholder `${SERVICE_VERSION}`,
/// replaced by ``ServiceVersion/current`` (the one place the version is
/// written). The end-to-end suite validates every response it receives
/// against this document, and `scripts/test.sh` runs Schemathesis against it.
public enum OpenAPIRoutes {
    /// The document as served: the embedded file with its version filled in.
    public static let document: [UInt8] = {
        let text = String(decoding: PackageResources.openapi_json, as: UTF8.self)
        return Array(text.replacingOccurrences(of: "${SERVICE_VERSION}", with: ServiceVersion.current).utf8)
    }()

    static func register(in router: inout Router) {
        let body = document
        let etag = EntityTag.of(body)
        router.get("/openapi.json", options: RouteOptions(cacheControl: "public, max-age=300", runsOnPollingThread: true)) { _, _ in
            .json(bytes: body, headers: ["ETag": etag])
        }
    }
}
