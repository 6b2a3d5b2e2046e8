import Foundation
import Testing

/// Requests that a proxy in front and this server could frame differently
/// (request smuggling), or whose target means something else than it
/// says, sent raw over loopback: each is refused with 400
/// `malformed-request` before its body is read, the connection is closed
/// (so nothing smuggled behind it is answered), and the server goes on.
@Suite(.enabled(if: TestEngine.isSQLite, "the transport, once")) struct RequestSmugglingTests {
    /// Sends `raw` on a fresh connection: the response, and whether the
    /// server then closed the connection without answering anything more.
    static func exchange(_ port: Int, _ raw: String) throws -> (response: WireResponse, closed: Bool) {
        let connection = try TestConnection(port: port, timeoutSeconds: 5)
        try connection.send(raw: raw)
        let response = try connection.receive(method: "POST")
        return (response, connection.isClosedByServer())
    }

    static func expectRefused(_ port: Int, _ raw: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (response, closed) = try exchange(port, raw)
        #expect(response.status == 400, "\(label)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/problem+json", "\(label)", sourceLocation: sourceLocation)
        #expect(try response.json()["type"] as? String == "urn:poemsd:problem:malformed-request", "\(label)", sourceLocation: sourceLocation)
        #expect(closed, "\(label): the connection is closed", sourceLocation: sourceLocation)
    }

    static let body = #"{"findings": {}}"#

    @Test func obsFoldIsRefusedAndNothingBehindItIsAnswered() throws {
        try withService { service in
            // libmicrohttpd 0.9.75 reads the folded field as one named
            // `Transfer-Encodingchunked`, so it frames by Content-Length and
            // would answer the GET hidden in the chunked body's terminator.
            let smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
            try Self.expectRefused(service.port, "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding:\r\n chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggled, "folded Transfer-Encoding")
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: first\r\n\tsecond\r\n\r\n", "folded with a tab")
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n   \r\n\r\n", "folded blank")
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func transferEncodingOtherThanChunkedIsRefusedAtOnce() throws {
        try withService { service in
            let port = service.port
            let chunked = String(Self.body.utf8.count, radix: 16) + "\r\n" + Self.body + "\r\n0\r\n\r\n"
            let head = "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            // Answered at once: before, `xchunked` left libmicrohttpd reading
            // a body of unknown length until the idle timeout.
            try Self.expectRefused(port, head + "Transfer-Encoding: xchunked\r\n\r\n" + chunked, "xchunked")
            try Self.expectRefused(port, head + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked, "a list of codings")
            try Self.expectRefused(port, head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked, "chunked twice")
            try Self.expectRefused(port, head + "Transfer-Encoding: chunked \r\n\r\n" + chunked, "chunked with a trailing space")
            try Self.expectRefused(port, "POST /v1/evaluations HTTP/1.0\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
                                   "chunked in HTTP/1.0")
            // Exactly chunked is read as chunked.
            let connection = try TestConnection(port: port)
            let token = try #require(service.adminToken)
            try connection.send(raw: head + "Authorization: Bearer \(token)\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
            #expect(try connection.receive(method: "POST").status == 200)
        }
    }

    @Test func hostMustBeSentOnceInHTTP11() throws {
        try withService { service in
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\n\r\n", "no Host")
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "two Hosts")
            // HTTP/1.0 has no Host requirement.
            let old = try TestConnection(port: service.port)
            try old.send(raw: "GET /healthz HTTP/1.0\r\n\r\n")
            #expect(try old.receive().status == 200)
        }
    }

    @Test func malformedFieldNamesAndValuesAreRefused() throws {
        try withService { service in
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length : 0\r\n\r\n", "space before the colon")
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\u{1}b\r\n\r\n", "a control character in a value")
            try Self.expectRefused(service.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\rb\r\n\r\n", "a bare CR in a value")
            #expect(try fetch(service.port, "GET", "/healthz", headers: [("X-Note", "tab\tand obs-text \u{e9}")]).status == 200)
        }
    }

    /// libmicrohttpd 0.9.75 reads a field value as a C string, so a NUL
    /// would end it: `Bearer <token>\0junk` would authenticate as the token
    /// and `Content-Length: 15\0 0` frame 15 bytes, while a proxy in front
    /// reads other values. Every control byte in any value is refused,
    /// wherever it is in the value, in the last field or another.
    @Test func aNULOrOtherControlByteAnywhereInAFieldValueIsRefused() throws {
        try withService { service in
            let token = try #require(service.adminToken)
            let port = service.port
            func get(_ fields: String) -> String { "GET /v1/cases HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n" }
            try Self.expectRefused(port, get("Authorization: Bearer \(token)\u{0}junk\r\n"), "a NUL after the token, last field")
            try Self.expectRefused(port, get("Authorization: Bearer \(token)\u{0}junk\r\nAccept: */*\r\n"), "a NUL after the token, not last")
            try Self.expectRefused(port, get("Authorization: Bearer \(token)\u{0}\u{0}junk\r\n"), "two NULs before more")
            try Self.expectRefused(port, get("Authorization: Bearer \(token)\u{0}\r\n"), "a NUL at the end of the last field")
            try Self.expectRefused(port, get("Authorization: Bearer \(token)\u{0}\r\nAccept: */*\r\n"), "a NUL at the end of a field")
            try Self.expectRefused(port, get("X-Note: \u{0}junk\r\nAuthorization: Bearer \(token)\r\n"), "a NUL first in a value")
            try Self.expectRefused(port, get("Authorization: Bearer \(token)\r\nX-Note: a\u{0}\u{0}\u{0}\u{0}b\r\n"), "NULs as long as a line end")
            for byte in [0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F] {
                try Self.expectRefused(port, get("Authorization: Bearer \(token)\r\nX-Note: a\(String(UnicodeScalar(UInt8(byte))))b\r\n"), "byte \(byte)")
            }
            let framed = "POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Length: \(Self.body.utf8.count)\u{0} 0\r\n\r\n" + Self.body
            try Self.expectRefused(port, framed, "a NUL in Content-Length")
            // The same requests without the control bytes are served, with bare LFs too.
            #expect(try Self.exchange(port, get("Authorization: Bearer \(token)\r\nAccept: */*\r\nConnection: close\r\n")).response.status == 200)
            #expect(try Self.exchange(port, "GET /healthz HTTP/1.1\nHost: x\nX-Note: a\nConnection: close\n\n").response.status == 200)
            #expect(try Self.exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Empty:\r\nConnection: close\r\n\r\n").response.status == 200)
            #expect(try Self.exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Empty: \r\n\r\n").response.status == 200)
        }
    }

    @Test func aControlCharacterInThePathNeitherReadsNorUpdatesTheCase() throws {
        try withService { service in
            let created = try CaseAPITests.create(service.port)
            let location = try #require(created.header("Location"))
            let etag = try #require(created.header("ETag"))
            let update = #"{"findings": {"polyneuropathy": false}, "note": "overwritten through a NUL"}"#
            for suffix in ["%00junk", "%00", "%01", "%0D%0AX-Injected:%201", "%7F", "%1f"] {
                let read = try fetch(service.port, "GET", location + suffix)
                #expect(read.status == 400, "GET …\(suffix)")
                #expect(try read.json()["type"] as? String == "urn:poemsd:problem:malformed-request")
                #expect(!read.text.contains("MRN-0042"), "the case is not read")
                let write = try fetch(service.port, "PUT", location + suffix, json: update, headers: [("If-Match", etag)])
                #expect(write.status == 400, "PUT …\(suffix)")
            }
            let after = try fetch(service.port, "GET", location)
            #expect(after.status == 200)
            #expect(after.header("ETag") == etag, "the case was not updated")
            #expect(try after.json()["revision"] as? Int == 1)
            // A raw NUL in the target, which libmicrohttpd would end the path at.
            for method in ["GET", "PUT"] {
                let raw = "\(method) \(location)\u{0}junk HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(service.adminToken ?? "")\r\n"
                    + "If-Match: \(etag)\r\nContent-Type: application/json\r\nContent-Length: \(update.utf8.count)\r\n\r\n" + update
                try Self.expectRefused(service.port, raw, "\(method) with a raw NUL in the target")
            }
            // Percent-encoded characters that are not control characters still decode.
            #expect(try fetch(service.port, "GET", "/v1/cases/%41%42").status == 404)
        }
    }
}
