import Foundation

/// The gzip content coding (RFC 9110 §8.4) of responses: a compressible
/// body of at least `minimumBytes` is sent gzipped to a client whose
/// `Accept-Encoding` allows it, with `Vary: Accept-Encoding`.
///
/// A gzipped representation is another representation, so its strong
/// `ETag` differs: `"tag"` becomes `"tag-gzip"`. Handlers never see the
/// suffix: it is removed from `If-None-Match` and `If-Match` before they
/// run, so conditional requests work whichever coding the client got.
public struct ContentCoding: Sendable {
    /// Bodies below this size are sent as they are (gzip's overhead and
    /// the CPU are not worth it for a few hundred bytes).
    public var minimumBytes: Int
    public var level: Int32

    public init(minimumBytes: Int = 2048, level: Int32 = 1) {
        self.minimumBytes = minimumBytes
        self.level = level
    }

    static let etagSuffix = "-gzip"

    /// Media types worth compressing.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasSuffix("+json")
            || type.hasPrefix("application/javascript")
    }

    /// True when `Accept-Encoding` gives gzip (or `*`) a non-zero weight.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Double?, any: Double?
        for element in header.split(separator: ",") {
            let parts = element.split(separator: ";").map { String($0.trimmingOptionalWhitespace).lowercased() }
            guard let coding = parts.first else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") { weight = Double(parameter.dropFirst(2)) ?? 0 }
            if coding == "gzip" || coding == "x-gzip" { gzip = weight } else if coding == "*" { any = weight }
        }
        return (gzip ?? any ?? 0) > 0
    }

    /// The response as sent to a client with `acceptEncoding`.
    func encode(_ response: HTTPResponse, acceptEncoding: String?) -> HTTPResponse {
        let length = response.status == 304 ? (response.representationLength ?? 0) : response.body.count
        guard length >= minimumBytes, !response.headers.contains("Content-Encoding"),
              Self.isCompressible(response.headers["Content-Type"]) || response.status == 304 else { return response }
        var response = response
        response.headers.add("Vary", "Accept-Encoding")
        guard Self.acceptsGzip(acceptEncoding) else { return response }
        if response.status == 304 {
            response.headers.tagGzipped()
            return response
        }
        guard let compressed = Gzip.compress(response.body, level: level), compressed.count < response.body.count else { return response }
        response.body = compressed
        response.headers.set("Content-Encoding", "gzip")
        response.headers.tagGzipped()
        return response
    }

    /// `If-None-Match` and `If-Match` with the gzip suffix removed from each tag.
    static func untagRequest(_ headers: inout HTTPHeaders) {
        for name in ["If-None-Match", "If-Match"] {
            guard let value = headers.combined(name), value.contains(etagSuffix + "\"") else { continue }
            headers.set(name, value.replacingOccurrences(of: etagSuffix + "\"", with: "\""))
        }
    }
}

extension HTTPHeaders {
    /// `ETag: "x"` → `"x-gzip"` (weak tags keep their `W/`).
    mutating func tagGzipped() {
        guard let tag = self["ETag"], tag.hasSuffix("\"") else { return }
        set("ETag", String(tag.dropLast()) + ContentCoding.etagSuffix + "\"")
    }
}
