import Foundation
import POEMSAPI

/// The API description as a contract: every response the end-to-end suite
/// receives (``TestConnection/receive(method:)``) is checked here against
/// the operation it answers in the document the server serves.
///
/// - A request to a documented path and method must get a status the
///   operation documents (or its `default`), with a documented media type,
///   and a body valid against that status's schema; a status documented
///   without content must come without a body.
/// - Any other request (unknown path or method, a request line the server
///   refuses) must get a 4xx problem+json valid against `Problem`, or,
///   under `/cds-services`, the `CDSError` OperationOutcome.
/// - Either may get one of the document's `x-transport-responses` (a target
///   or head too large, a malformed request), which the HTTP layer answers
///   before routing.
struct OpenAPIContract: @unchecked Sendable {
    static let shared = OpenAPIContract(document: try! JSONValue.parse(OpenAPIRoutes.document))

    let validator: JSONSchemaValidator
    /// The document's `x-transport-responses`: what any request may get
    /// from the HTTP layer before it reaches an operation.
    let transportResponses: [String: JSONValue]
    /// (method, path template split into segments, operation), from the document.
    let operations: [(method: String, segments: [Substring], operation: JSONValue)]

    init(document: JSONValue) {
        validator = JSONSchemaValidator(root: document)
        transportResponses = (document["x-transport-responses"]?.object ?? [:]).filter { $0.key != "description" }
        var operations: [(String, [Substring], JSONValue)] = []
        for (template, item) in document["paths"]?.object ?? [:] {
            for (method, operation) in item.object ?? [:] where operation["responses"] != nil {
                operations.append((method.uppercased(), template.split(separator: "/"), operation))
            }
        }
        self.operations = operations
    }

    /// What is wrong with `response` as the answer to `method target`; empty when it conforms.
    func violations(method: String, target: String, response: WireResponse) -> [String] {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let label = "\(method) \(target.prefix(120)) -> \(response.status)"
        guard let operation = operation(method: method == "HEAD" ? "GET" : method, path: path) else {
            return undocumented(label: label, response: response, cds: path == "/cds-services" || path.hasPrefix("/cds-services/"))
        }
        let responses = operation["responses"]
        guard let documented = responses?[String(response.status)] ?? responses?["default"] ?? transportResponses[String(response.status)] else {
            return ["\(label): status \(response.status) is not documented for this operation; body: \(response.text.prefix(300))"]
        }
        let found = check(response, method: method, against: documented, label: label)
        // The HTTP layer may have answered before the operation was reached.
        if !found.isEmpty, let transport = transportResponses[String(response.status)],
           check(response, method: method, against: transport, label: label).isEmpty {
            return []
        }
        return found
    }

    /// Checks `response` against one documented response object.
    private func check(_ response: WireResponse, method: String, against documented: JSONValue, label: String) -> [String] {
        var documented = documented
        if let reference = documented["$ref"]?.string, let target = validator.resolve(reference) { documented = target }
        let mediaType = response.header("Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let content = documented["content"]?.object else {
            return response.body.isEmpty ? [] : ["\(label): the document gives this status no body, the server sent \(response.body.count) bytes"]
        }
        if method == "HEAD" { return [] }
        // libmicrohttpd's own HTML answers sometimes carry no Content-Type.
        let type = mediaType ?? (content["text/html"] != nil ? "text/html" : "none")
        guard let schema = content[type]?["schema"] else {
            return ["\(label): Content-Type \(type) is not documented (documented: \(content.keys.sorted()))"]
        }
        guard type.hasSuffix("json") else { return [] }
        return check(response, against: schema, label: label)
    }

    private func check(_ response: WireResponse, against schema: JSONValue, label: String) -> [String] {
        var body = response.body
        if response.header("Content-Encoding")?.lowercased() == "gzip" {
            do { body = try Gunzip.decode(body) } catch { return ["\(label): the gzip body does not inflate: \(error)"] }
        }
        let value: JSONValue
        do { value = try JSONValue.parse(body) } catch {
            return ["\(label): body is not JSON: \(response.text.prefix(200))"]
        }
        return validator.violations(of: value, against: schema).map { "\(label): \($0)" }
    }

    private func undocumented(label: String, response: WireResponse, cds: Bool) -> [String] {
        let transport = transportResponses[String(response.status)].map { check(response, method: "", against: $0, label: label) }
        if cds {
            let outcome = check(response, method: "", against: .object(["$ref": .string("#/components/responses/CDSError")]), label: label)
            return outcome.isEmpty || transport?.isEmpty == true ? [] : outcome
        }
        if let transport { return transport }
        guard (400..<500).contains(response.status) else {
            return ["\(label): no operation in the document answers this request, yet the status is not a 4xx"]
        }
        guard response.header("Content-Type") == "application/problem+json" else {
            return ["\(label): an error outside the document must be problem+json"]
        }
        return check(response, against: .object(["$ref": .string("#/components/schemas/Problem")]), label: label)
    }

    /// The operation whose path template matches `path` (a literal segment
    /// wins over a parameter).
    private func operation(method: String, path: Substring) -> JSONValue? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard path.hasPrefix("/"), !segments.contains(where: \.isEmpty) || path == "/" else { return nil }
        var best: (literals: Int, operation: JSONValue)?
        for candidate in operations where candidate.method == method && candidate.segments.count == segments.count {
            var literals = 0
            var matches = true
            for (pattern, segment) in zip(candidate.segments, segments) {
                if pattern.hasPrefix("{") { continue }
                if pattern == segment { literals += 1 } else { matches = false; break }
            }
            if matches, literals > (best?.literals ?? -1) { best = (literals, candidate.operation) }
        }
        return best?.operation
    }
}
