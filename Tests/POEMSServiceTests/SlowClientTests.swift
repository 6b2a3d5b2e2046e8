import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Connection exhaustion over real loopback sockets: a slowloris from one
/// address (127.0.0.2) holding or trickling more connections than the
/// server has does not keep a client on another address (127.0.0.1) from
/// being served, and slow senders are closed at their deadline, which a
/// byte now and then does not extend.
@Suite(.enabled(if: TestEngine.isSQLite, "the transport, once")) struct SlowClientTests {
    @Test func aSlowlorisFromOneAddressDoesNotStarveAnother() throws {
        // A header deadline far beyond the test, so that only the limits act.
        try withService(configure: { $0.http.connectionLimit = 48; $0.http.perClientConnectionLimit = 16; $0.http.headerTimeoutSeconds = 600 }) { service in
            // More connections than the server takes in all, each with a
            // request line and half a header, never finished.
            let loris = (0..<64).compactMap { _ in try? LoopbackClient(from: "127.0.0.2", port: service.port) }
            #expect(loris.count == 64)
            for client in loris { client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Wait: ") }
            // The server closes every one beyond its per-client limit.
            let refused = LoopbackClient.waitForClosed(loris, count: 64 - 16, timeoutMilliseconds: 10_000)
            #expect(refused == 64 - 16)

            // A client on another address is served while the slowloris holds the rest.
            let response = try fetch(service.port, "GET", "/healthz")
            #expect(response.status == 200)
            #expect(loris.filter(\.isOpen).count == 16, "the slowloris still held its connections")
            let again = try TestConnection(port: service.port)
            #expect(try again.request("GET", "/v1/criteria").status == 200)
        }
    }

    @Test func headersTrickledPastTheirDeadlineAreCutOff() throws {
        try withService(configure: { $0.http.headerTimeoutSeconds = 1 }) { service in
            // A prompt client is served as before.
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
            let slow = try LoopbackClient(from: "127.0.0.2", port: service.port)
            slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            // One header line every 100 ms: each resets the 30 s idle
            // timeout, so only the header deadline can close it.
            let lines = slow.trickle(upTo: 200) { "X-Line-\($0): y\r\n" }
            #expect(lines < 200, "closed before 20 s of trickling (the idle timeout is 30 s)")
            #expect(slow.received.isEmpty, "closed without an answer")
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func aBodyBelowTheMinimumRateIsCutOff() throws {
        try withService(configure: { $0.http.headerTimeoutSeconds = 1; $0.http.minimumBodyBytesPerSecond = 100 }) { service in
            let slow = try LoopbackClient(from: "127.0.0.2", port: service.port)
            slow.send("POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            // About 10 bytes a second, a tenth of the minimum.
            let sent = slow.trickle(upTo: 1000) { _ in " " }
            #expect(sent < 1000, "closed before the body was complete")
            #expect(slow.received.isEmpty, "closed without an answer")
            // A body sent at once is read as before.
            let token = try #require(service.adminToken)
            let prompt = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {}}"#, headers: [("Authorization", "Bearer \(token)")])
            #expect(prompt.status == 200)
        }
    }
}

/// A raw TCP client bound to a chosen loopback source address, for
/// clients that behave badly: it sends what it is told and watches for
/// the server closing the connection.
final class LoopbackClient {
    let descriptor: Int32
    /// Whatever the server sent before closing.
    private(set) var received: [UInt8] = []
    private var closed = false

    init(from source: String, port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, size) } }
        guard bound == 0 else { throw TestClientError.connect(errno) }
        let status = withUnsafePointer(to: &remote) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, size) } }
        // A throwing init of a fully initialized object runs deinit, which closes the socket.
        guard status == 0 else { throw TestClientError.connect(errno) }
    }

    deinit { close(descriptor) }

    /// Sends `text`, ignoring failure (the server may have closed already).
    func send(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Waits up to `milliseconds` for the server to close the connection;
    /// true once it has.
    func waitForClose(milliseconds: Int32) -> Bool {
        var deadline = milliseconds
        while !closed {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let start = Self.now()
            guard poll(&entry, 1, deadline) > 0 else { return false }
            readAvailable()
            deadline -= Int32(Self.now() - start)
            if deadline <= 0 { break }
        }
        return closed
    }

    /// Sends `piece(n)` for n = 0, 1, … whenever 100 ms pass without the
    /// server closing the connection, up to `count` pieces; returns how
    /// many were sent before it closed (`count` if it never did).
    func trickle(upTo count: Int, _ piece: (Int) -> String) -> Int {
        var sent = 0
        while sent < count && !waitForClose(milliseconds: 100) {
            send(piece(sent))
            sent += 1
        }
        return sent
    }

    /// Open as far as can be told without waiting.
    var isOpen: Bool { !waitForClose(milliseconds: 0) }

    /// Waits until `count` of `clients` have been closed by the server, or
    /// `timeoutMilliseconds` pass; returns how many were.
    static func waitForClosed(_ clients: [LoopbackClient], count: Int, timeoutMilliseconds: Int) -> Int {
        let end = now() + timeoutMilliseconds
        while true {
            let open = clients.filter { !$0.closed }
            if clients.count - open.count >= count || now() >= end { return clients.count - open.count }
            var entries = open.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            guard poll(&entries, nfds_t(entries.count), Int32(max(0, end - now()))) > 0 else { continue }
            for (client, entry) in zip(open, entries) where entry.revents != 0 { client.readAvailable() }
        }
    }

    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count > 0 {
            received += buffer[..<count]
        } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
            closed = true
        }
    }

    private static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1000 + time.tv_nsec / 1_000_000
    }
}
