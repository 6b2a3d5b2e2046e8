/// How the server listens and the limits it enforces.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal, or a host name (`localhost`).
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free one (read it back from `HTTPServer.port`).
    public var port: Int = 8080
    /// Polling threads, each with its own epoll set. Defaults to the number of cores.
    public var threads: Int = HTTPServerConfiguration.coreCount
    /// Most connections open at once; further ones are refused.
    public var connectionLimit: Int = 1024
    /// Seconds a connection may stay idle (including a client that sends
    /// nothing, or sends slowly) before it is closed. libmicrohttpd's own
    /// default is no timeout at all.
    public var connectionTimeoutSeconds: Int = 30
    /// Most connections from one client address; 0 means no limit (use 0
    /// behind a proxy, where every client shares the proxy's address).
    public var perClientConnectionLimit: Int = 0
    /// Largest accepted request body, in bytes; larger bodies get 413.
    public var maximumBodyBytes: Int = 1 << 20
    /// Per-connection buffer for the request line and headers.
    public var connectionMemoryBytes: Int = 64 << 10

    public init() {}

    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
