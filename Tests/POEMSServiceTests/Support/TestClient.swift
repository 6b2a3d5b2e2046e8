import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A response as read off the wire.
struct WireResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestClientError.notAnObject(text)
        }
        return object
    }
}

enum TestClientError: Error {
    case connect(Int32)
    case closed
    case malformed(String)
    case notAnObject(String)
    case timeout
}

/// A plain HTTP/1.1 client over one TCP connection to the server under test,
/// so that tests control exactly what goes over the wire (keep-alive, slow
/// or malformed clients). Not a mock: it talks to the real server.
final class TestConnection {
    let descriptor: Int32
    let port: Int
    private var buffer: [UInt8] = []
    /// Method and target of each request sent and not yet answered, so that
    /// every response is checked against the OpenAPI document.
    private var awaiting: [(method: String, target: String)] = []

    init(port: Int, timeoutSeconds: Int = 10) throws {
        self.port = port
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // No close here: the object is fully initialized, so a throw runs
        // deinit, which closes it; closing twice could close a descriptor
        // another test's server has just been given (seen: libmicrohttpd
        // aborting on its own listening socket).
        guard status == 0 else { throw TestClientError.connect(errno) }
    }

    deinit { close(descriptor) }

    func send(raw: [UInt8]) throws {
        if let request = Self.requestLine(raw) { awaiting.append(request) }
        var offset = 0
        while offset < raw.count {
            let sent = raw[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw TestClientError.closed }
            offset += sent
        }
    }

    func send(raw: String) throws { try send(raw: Array(raw.utf8)) }

    /// Sends one request; `Content-Length` is added for a body.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        // The test server's admin token, unless the test brings its own
        // Authorization (an empty one: send none).
        let isAuthorization = { (field: (String, String)) in field.0.lowercased() == "authorization" }
        for (name, value) in headers where !(isAuthorization((name, value)) && value.isEmpty) { head += "\(name): \(value)\r\n" }
        if !headers.contains(where: isAuthorization), let token = TestCredentials.shared.token(for: port) {
            head += "Authorization: Bearer \(token)\r\n"
        }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try send(raw: Array(head.utf8) + (body ?? []))
    }

    /// The method and target of `raw` if it starts with a request line.
    private static func requestLine(_ raw: [UInt8]) -> (method: String, target: String)? {
        guard let end = raw.firstIndex(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) else { return nil }
        let parts = String(decoding: raw[..<end], as: UTF8.self).split(separator: " ")
        guard parts.count >= 3, parts[parts.count - 1].hasPrefix("HTTP/"), parts[0].allSatisfy({ $0.isUppercase }) else { return nil }
        return (String(parts[0]), parts[1..<(parts.count - 1)].joined(separator: " "))
    }

    /// Reads one response and checks it against the OpenAPI document
    /// (``OpenAPIContract``): a violation fails the test that made the request.
    func receive(method: String = "GET") throws -> WireResponse {
        let response = try receiveUnchecked(method: method)
        let request = awaiting.isEmpty ? (method: method, target: "") : awaiting.removeFirst()
        for violation in OpenAPIContract.shared.violations(method: request.method, target: request.target, response: response) {
            Issue.record("OpenAPI contract: \(violation)")
        }
        return response
    }

    /// Reads one response (Content-Length framed, as the server sends them).
    private func receiveUnchecked(method: String) throws -> WireResponse {
        let headEnd = try readUntil(Array("\r\n\r\n".utf8))
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestClientError.malformed(head) }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        // RFC 9112 §6.3: no content after HEAD, 204 or 304, whatever Content-Length says.
        let bodyLength = method == "HEAD" || status == 204 || status == 304 ? 0 : length
        while buffer.count < bodyLength { try fill() }
        let body = Array(buffer[..<bodyLength])
        buffer.removeFirst(bodyLength)
        return WireResponse(status: status, headers: headers, body: body)
    }

    func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> WireResponse {
        try send(method, path, headers: headers, body: body)
        return try receive(method: method)
    }

    func request(_ method: String, _ path: String, json: String, headers: [(String, String)] = []) throws -> WireResponse {
        try request(method, path, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
    }

    /// True when the server has closed the connection (read returns 0)
    /// without sending anything the responses received so far did not hold.
    func isClosedByServer() -> Bool {
        guard buffer.isEmpty else { return false }
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, 0)
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        while true {
            if buffer.count >= marker.count {
                for start in 0...(buffer.count - marker.count) where buffer[start] == marker[0] {
                    if Array(buffer[start..<(start + marker.count)]) == marker { return start }
                }
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count == 0 { throw TestClientError.closed }
        if count < 0 { throw errno == EAGAIN || errno == EWOULDBLOCK ? TestClientError.timeout : TestClientError.closed }
        buffer.append(contentsOf: chunk[..<count])
    }
}

/// One request on a fresh connection.
func fetch(_ port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> WireResponse {
    try TestConnection(port: port).request(method, path, headers: headers + [("Connection", "close")], body: body)
}

func fetch(_ port: Int, _ method: String, _ path: String, json: String, headers: [(String, String)] = []) throws -> WireResponse {
    try fetch(port, method, path, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
}
