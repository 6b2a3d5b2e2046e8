#if canImport(Glibc)
import Glibc
#endif

/// A resolved listening address, IPv4 or IPv6.
struct SocketAddress {
    var address = sockaddr_storage()

    /// Resolves `host` (a literal or a name such as `localhost`) to its first
    /// address, with `port` set.
    static func resolve(host: String, port: Int) throws(HTTPServerError) -> SocketAddress {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw .cannotResolve(host: host)
        }
        defer { freeaddrinfo(result) }
        var resolved = SocketAddress()
        withUnsafeMutableBytes(of: &resolved.address) { destination in
            let source = UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen))
            destination.copyMemory(from: source)
        }
        return resolved
    }
}
