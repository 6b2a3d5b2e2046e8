import HTTPServer

/// Every answer under `/cds-services`, whatever gave it (a CDS route, the
/// transport's refusal of the request, an unknown path, storage): an error
/// becomes a ``CDSOutcome`` (FHIR OperationOutcome, never problem+json), and
/// every answer, error or not, carries `Access-Control-Allow-Origin: *` so
/// that a browser-based EHR sandbox reads it. The fields only a preflight
/// needs (`Access-Control-Allow-Methods`, `-Headers`, `-Max-Age`) are the
/// `OPTIONS` routes' own (``CDSRoutes``).
///
/// Outside ``StorageErrorsMiddleware``, so that a storage failure arrives
/// as its 503; inside the audit, metrics and log middleware, which see the
/// same status. An error that is not a ``ResponseError`` (a failure of the
/// server's own) is logged by its type only, as the transport does, and
/// answered 500.
struct CDSHooksMiddleware: RouterMiddleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder, sink: ResponseSink) {
        guard CDSRoutes.isCDSPath(request.path) else { return next(request, context, sink) }
        let accept = request.headers.combined("Accept")
        next(request, context, sink) { result in
            switch result {
            case .success(var response):
                if response.headers["Access-Control-Allow-Origin"] == nil { response.headers.set("Access-Control-Allow-Origin", "*") }
                return .success(response)
            case .failure(let error):
                if !(error is any ResponseError) {
                    context.logger.error("handler failed", metadata: ["error_type": "\(type(of: error))"])
                }
                return .failure(CDSOutcome(error, accept: accept, allowOrigin: "*"))
            }
        }
    }
}
