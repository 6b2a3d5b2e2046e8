/// A ``ResponseError`` answered with header fields added to its response.
struct ResponseErrorWithHeaders: ResponseError {
    let base: any ResponseError
    let apply: @Sendable (inout HTTPHeaders) -> Void

    init(_ base: any ResponseError, apply: @escaping @Sendable (inout HTTPHeaders) -> Void) {
        self.base = base
        self.apply = apply
    }

    var status: Int { base.status }

    func response(requestID: String?) -> HTTPResponse {
        var response = base.response(requestID: requestID)
        apply(&response.headers)
        return response
    }

    func response(requestID: String?, problemTypePrefix: String) -> HTTPResponse {
        var response = base.response(requestID: requestID, problemTypePrefix: problemTypePrefix)
        apply(&response.headers)
        return response
    }
}
