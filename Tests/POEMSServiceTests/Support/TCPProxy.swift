import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP relay in front of a server, for tests in which the
/// network between poemsd and its database fails. `freeze()` is a
/// partition: every connection stays open and new ones are accepted, but
/// nothing is relayed either way (what is read meanwhile is held, as TCP
/// would retransmit it); `thaw()` relays again. `freeze(afterRelaying:)`
/// starts the partition just after the client sent given bytes (a
/// `COMMIT` that reaches the server, whose answer does not come back).
/// `cut(afterRelaying:)` ends the connection just after relaying given
/// bytes (a statement that reaches the server and commits, whose answer
/// is lost with the connection). `freezeExisting()` holds only the connections open now, for good (until
/// `thaw()`), while new ones are relayed: connections that stopped
/// answering in a pool that can make new ones. `clientsGone` counts the
/// connections whose client has closed its end, frozen or not.
final class TCPProxy: @unchecked Sendable {
    let port: Int
    private let upstreamPort: UInt16
    private let listener: Int32
    private let gate = NSCondition()
    private var frozen = false
    private var stopped = false
    private var sockets: [Int32] = []
    /// Each connection's client-side descriptor, in order of acceptance.
    private var clients: [Int32] = []
    /// Client descriptors of the connections held by `freezeExisting()`.
    private var held: Set<Int32> = []
    private var trigger: [UInt8]?
    private var cutTrigger: [UInt8]?

    init(to upstreamPort: Int) throws {
        self.upstreamPort = UInt16(upstreamPort)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard listener >= 0, bound == 0, listen(listener, 64) == 0 else { throw TestClientError.malformed("TCPProxy: cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// A relay in front of the PostgreSQL server of the database URL
    /// `location`, and the URL of that database through it.
    static func inFront(of location: String) throws -> (proxy: TCPProxy, location: String) {
        guard var url = URLComponents(string: location), let port = url.port else { throw TestClientError.malformed("not a URL with a port") }
        let proxy = try TCPProxy(to: port)
        url.port = proxy.port
        return (proxy, url.string ?? location)
    }

    /// Stops relaying; connections stay open.
    func freeze() { gate.lock(); frozen = true; gate.unlock() }

    /// Freezes once a client has sent `text` (in one read) and it was relayed to the server.
    func freeze(afterRelaying text: String) { gate.lock(); trigger = Array(text.utf8); gate.unlock() }

    /// Ends the connection whose client sends `text` (in one read), once
    /// those bytes were relayed to the server; other connections go on.
    func cut(afterRelaying text: String) { gate.lock(); cutTrigger = Array(text.utf8); gate.unlock() }

    /// Holds the connections open now; new ones are relayed.
    func freezeExisting() { gate.lock(); held = Set(clients); gate.unlock() }

    /// Relays again, what was held first.
    func thaw() { gate.lock(); frozen = false; held = []; gate.broadcast(); gate.unlock() }

    /// How many connections' clients have closed (or shut down) their end:
    /// polled without reading, so that held bytes stay held.
    var clientsGone: Int {
        let descriptors = gate.withLock { clients }
        return descriptors.filter { descriptor in
            // POLLRDHUP (0x2000, Linux): the peer closed or shut down its writing end. Glibc exports it only with _GNU_SOURCE.
            let peerHungUp: Int16 = 0x2000
            var entry = pollfd(fd: descriptor, events: peerHungUp, revents: 0)
            return poll(&entry, 1, 0) == 1 && entry.revents & (peerHungUp | Int16(POLLHUP)) != 0
        }.count
    }

    /// Stops listening and ends every connection. Descriptors are shut
    /// down here, not closed: a thread may still be about to use one, and a
    /// number closed now could be handed to another test's socket. The
    /// accepting thread closes the listener as it leaves; the connections'
    /// descriptors stay open until the test process ends.
    func stop() {
        // Under the lock: the accepting thread closes the listener once it sees `stopped`, so not before this.
        gate.lock()
        stopped = true
        frozen = false
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        for socket in sockets { Glibc.shutdown(socket, Int32(SHUT_RDWR)) }
        gate.broadcast()
        gate.unlock()
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if gate.withLock({ stopped }) {
                if client >= 0 { close(client) }
                close(listener)
                return
            }
            if client < 0 { continue }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            gate.withLock {
                sockets += [client, upstream]
                clients.append(client)
            }
            Thread.detachNewThread { [self] in relay(from: client, to: upstream, watching: true, connection: client) }
            Thread.detachNewThread { [self] in relay(from: upstream, to: client, watching: false, connection: client) }
        }
    }

    /// Waits while `connection` (its client descriptor) is frozen; `false` once stopped.
    private func open(_ connection: Int32) -> Bool {
        gate.lock()
        defer { gate.unlock() }
        while (frozen || held.contains(connection)) && !stopped { gate.wait() }
        return !stopped
    }

    /// Relays `source` to `destination`; `watching`: the client's side, whose bytes may set off `trigger`.
    private func relay(from source: Int32, to destination: Int32, watching: Bool, connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while open(connection) {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress, $0.count) }
            // Read while frozen: held until thawed.
            guard count > 0, open(connection) else { break }
            // Before relaying: the answer to these bytes must find the relay frozen.
            if watching { tripIfMatched(buffer[..<count]) }
            let cutting = watching && cutIfMatched(buffer[..<count])
            var sent = 0
            while sent < count {
                // MSG_NOSIGNAL: a peer gone is an error here, not SIGPIPE.
                let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { break }
                sent += written
            }
            if cutting { break }
        }
        // One side ended: end the other, as a relay that goes away would.
        Glibc.shutdown(source, Int32(SHUT_RDWR))
        Glibc.shutdown(destination, Int32(SHUT_RDWR))
    }

    private func cutIfMatched(_ bytes: ArraySlice<UInt8>) -> Bool {
        gate.lock()
        defer { gate.unlock() }
        guard let cutTrigger, Self.contains(bytes, cutTrigger) else { return false }
        self.cutTrigger = nil
        return true
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        let start = bytes.startIndex
        return (0...(bytes.count - pattern.count)).contains { bytes[(start + $0)..<(start + $0 + pattern.count)].elementsEqual(pattern) }
    }

    private func tripIfMatched(_ bytes: ArraySlice<UInt8>) {
        gate.lock()
        defer { gate.unlock() }
        guard let trigger, bytes.count >= trigger.count else { return }
        let start = bytes.startIndex
        for offset in 0...(bytes.count - trigger.count) where bytes[(start + offset)..<(start + offset + trigger.count)].elementsEqual(trigger) {
            frozen = true
            self.trigger = nil
            return
        }
    }
}
