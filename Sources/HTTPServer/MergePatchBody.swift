/// A `PATCH` request body in the JSON merge patch format (RFC 7396), read in
/// two steps: ``HTTPRequest/mergePatch()`` reads the patch before the target
/// is looked up (so that a malformed body is a 400 whatever the target's
/// state), ``JSONMergePatch/read(applyingTo:reader:)`` applies it to the
/// target's document and reads the result with the checks of `decodeJSON`.
extension HTTPRequest {
    /// The body as a merge patch, or the problem to answer: 415 with
    /// `Accept-Patch` (RFC 5789 §2.2) unless it is declared
    /// `application/merge-patch+json`, 400 `malformed-json` when it does
    /// not parse or is not an object (a patch that replaces the whole
    /// document is no partial update), and the JSON limits' 400s.
    public func mergePatch() throws(ProblemDetails) -> JSONMergePatch {
        let essence = headers["Content-Type"]?.split(separator: ";", maxSplits: 1).first?.trimmingOptionalWhitespace.lowercased()
        guard essence == JSONMergePatch.mediaType else {
            throw ProblemDetails(
                type: ProblemDetails.typeURI("unsupported-media-type"), title: "Unsupported Media Type", status: 415,
                detail: "PATCH takes a JSON merge patch (RFC 7396) as \(JSONMergePatch.mediaType); got \(headers["Content-Type"].map { "'\($0)'" } ?? "no Content-Type"). To replace the whole document, use PUT.",
                headers: ["Accept-Patch": JSONMergePatch.mediaType])
        }
        guard !body.isEmpty else { throw .malformedJSON("The request body is empty; a JSON merge patch (an object) is expected.") }
        try jsonLimits.check(body)
        let patch: JSONMergePatch
        do {
            patch = try JSONMergePatch(body)
        } catch {
            throw .malformedJSON("The request body is not valid JSON.")
        }
        guard patch.isObject else {
            throw .invalidField("A merge patch must be a JSON object: its members change the members of the same name.", pointer: "")
        }
        return patch
    }
}

extension JSONMergePatch {
    /// Applies the patch to `target` (a JSON document, the resource's
    /// current state) and reads the result with `reader`, which throws the
    /// `DecodingError`s a `Decodable` initialiser would: such an error is a
    /// 400 `invalid-field` as in `decodeJSON`, its pointer into the patched
    /// document. Where the patch sets the member at fault, that is where it
    /// is in the patch too; where it does not (the member comes from the
    /// target unchanged), the detail says so.
    public func read<T>(applyingTo target: [UInt8], reader: ([UInt8]) throws -> T) throws(ProblemDetails) -> T {
        let patched: [UInt8]
        do {
            patched = try applied(to: target)
        } catch {
            throw .internalError()
        }
        do {
            return try reader(patched)
        } catch let error as DecodingError {
            var problem = HTTPRequest.problem(for: error)
            if let pointer = problem.pointer, !provides(pointer: pointer) {
                problem.detail = (problem.detail.map { $0 + " " } ?? "")
                    + "The pointer \(pointer) refers to the document with the patch applied, not to the patch: the patch leaves that member as it was."
            }
            throw problem
        } catch {
            throw .malformedJSON("The patched document could not be read.")
        }
    }
}
