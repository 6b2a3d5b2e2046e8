/// The checks on a request's line and header fields that libmicrohttpd
/// 0.9.75 does not make, each of which lets a client and a proxy in front
/// read the same bytes as different requests (request smuggling) or lets a
/// target mean something else than it says. Each answers 400
/// `malformed-request`, with `Connection: close`, before any body is read.
///
/// - a header field continued on the next line (obs-fold; RFC 9112 §5.2);
/// - a field name that is not a token, such as one with a space before the
///   colon (RFC 9112 §5.1), or a field value with a control character
///   other than tab (RFC 9110 §5.5: CR, LF and NUL must be refused),
///   a NUL included, which libmicrohttpd would cut the value at;
/// - an HTTP/1.1 request with no `Host`, or more than one (RFC 9112 §3.2);
/// - `Transfer-Encoding` other than exactly `chunked`, or any in HTTP/1.0,
///   or together with `Content-Length`; `Content-Length` twice (RFC 9112
///   §6.1, §6.3: libmicrohttpd would wait for the end of the connection,
///   or frame by one of them);
/// - a control character in the path, raw or percent-encoded (`%00`
///   ends the path libmicrohttpd hands on, so `/v1/cases/ID%00junk`
///   would read as `/v1/cases/ID`).
enum RequestSyntax {
    /// What the transport saw of the request besides its fields.
    struct Observations {
        /// The protocol version from the request line (`HTTP/1.1`).
        var version: String
        /// A field was folded onto a continuation line.
        var foldedField: Bool
        /// The decoded path holds a control character (U+0000–U+001F, U+007F).
        var controlCharacterInPath: Bool
        /// A field value went on past a NUL, where libmicrohttpd ended it.
        var valueCutAtNUL: Bool
    }

    /// The problem with the request, or `nil` when its syntax is sound.
    static func problem(_ headers: HTTPHeaders, _ observed: Observations) -> ProblemDetails? {
        if observed.foldedField {
            return .malformedRequest("A header field is continued on a following line (obs-fold); send each field on one line.")
        }
        if observed.controlCharacterInPath {
            return .malformedRequest("The request target holds a control character.")
        }
        if observed.valueCutAtNUL {
            return .malformedRequest("A header field value holds a control character (NUL).")
        }
        for field in headers {
            if field.name.isEmpty || !field.name.utf8.allSatisfy(isTokenCharacter) {
                return .malformedRequest("A header field name is not a token (RFC 9110 §5.1).")
            }
            if field.value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                return .malformedRequest("The header field \(field.name) holds a control character.")
            }
        }
        let hosts = headers.values("Host").count
        if hosts > 1 || (hosts == 0 && observed.version == "HTTP/1.1") {
            return .malformedRequest("An HTTP/1.1 request carries exactly one Host field.")
        }
        return framingProblem(headers, version: observed.version)
    }

    /// The body's framing must be unambiguous (RFC 9112 §6.1, §6.3).
    private static func framingProblem(_ headers: HTTPHeaders, version: String) -> ProblemDetails? {
        let lengths = headers.values("Content-Length")
        let codings = headers.values("Transfer-Encoding")
        if !lengths.isEmpty && !codings.isEmpty {
            return .malformedRequest("Content-Length and Transfer-Encoding must not both be sent.")
        }
        if lengths.count > 1 {
            return .malformedRequest("Content-Length must be sent once.")
        }
        if !codings.isEmpty && version != "HTTP/1.1" {
            return .malformedRequest("Transfer-Encoding needs HTTP/1.1.")
        }
        if codings.count > 1 || codings.contains(where: { !$0.caseInsensitiveEquals("chunked") }) {
            return .malformedRequest("The only transfer coding accepted is chunked, sent once.")
        }
        return nil
    }

    /// `tchar` of RFC 9110 §5.6.2.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
