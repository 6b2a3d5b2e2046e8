/// How the server listens and the limits it enforces.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal, or a host name (`localhost`).
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free one (read it back from `HTTPServer.port`).
    public var port: Int = 8080
    /// Polling threads, each polling its own connections. Defaults to the number of cores.
    public var threads: Int = HTTPServerConfiguration.coreCount
    /// Most connections open at once; further ones are refused.
    public var connectionLimit: Int = 1024
    /// Seconds a connection may stay idle (a client that sends nothing, or a
    /// kept-alive connection between requests) before it is closed.
    /// libmicrohttpd's own default is no timeout at all.
    public var connectionTimeoutSeconds: Int = 30
    /// Seconds a client has to send the request line and headers, from the
    /// moment its connection is accepted (on a kept-alive connection: the
    /// idle timeout and then this, from the previous response); also the
    /// grace before `minimumBodyBytesPerSecond` applies. A late connection
    /// is closed. Unlike the idle timeout, a client sending a byte now and
    /// then (slowloris) does not extend it. 0 turns it off.
    public var headerTimeoutSeconds: Int = 10
    /// Least average rate of a request body, in bytes per second, after a
    /// grace of `headerTimeoutSeconds` (`connectionTimeoutSeconds` when that
    /// is 0): a body must have arrived by grace + bytes received / rate, or
    /// the connection is closed. 0 turns it off.
    public var minimumBodyBytesPerSecond: Int = 1024
    /// Most connections from one client address; further ones are closed
    /// as soon as they are accepted. 0 means no limit (use 0 behind a
    /// proxy, where every client shares the proxy's address).
    public var perClientConnectionLimit: Int = 128
    /// Largest accepted request body, in bytes; larger bodies get 413. A
    /// route may set another limit for a media type of its own
    /// (``RouteOptions/maximumBodyBytesByMediaType``).
    public var maximumBodyBytes: Int = 1 << 20
    /// Longest request target (path and query string, as decoded), in
    /// bytes; longer ones get 414 `uri-too-long`.
    public var maximumURLBytes: Int = 8192
    /// Largest total of the header fields (each counted as
    /// `name: value` and its line break), in bytes; larger get 431
    /// `header-fields-too-large`.
    public var maximumHeaderBytes: Int = 32 << 10
    /// Nesting depth and string length limits that `HTTPRequest.decodeJSON`
    /// applies before parsing a body (400 `json-too-deep`, `string-too-long`).
    public var jsonLimits = JSONLimits()
    /// Per-connection buffer for the request line and headers (and the
    /// parsed header list). libmicrohttpd answers a request that overflows it
    /// itself, with an HTML body (414 or 431), so the server raises it to
    /// `effectiveConnectionMemoryBytes`: far enough above `maximumURLBytes`
    /// and `maximumHeaderBytes` that those limits, answered in
    /// problem+json, fire first.
    public var connectionMemoryBytes: Int = 64 << 10
    /// HTTPS with this certificate and key; `nil` serves plain HTTP (for
    /// TLS terminated by a proxy in front).
    public var tls: TLSConfiguration?
    /// Peers whose `Forwarded` / `X-Forwarded-For` are believed about the
    /// client's address (`RequestContext.remoteAddress`); empty believes none.
    public var trustedProxies: [IPNetwork] = []
    /// Cross-origin access for browsers; `nil` sends no CORS fields.
    public var cors: CORSPolicy?
    /// The `Server` field of every response (`name/version`); `nil` sends none.
    public var serverHeader: String?
    /// gzip for larger compressible responses when the client accepts it;
    /// `nil` sends every body as it is.
    public var compression: ContentCoding? = ContentCoding()
    /// What every problem type slug is sent after (`urn:example:problem:`
    /// makes `not-found` `urn:example:problem:not-found`); empty sends the
    /// slug as a relative URI reference. The application names its namespace.
    public var problemTypePrefix = ""
    /// The libmicrohttpd releases `start()` accepts without
    /// `allowUntestedLibrary` (`LibraryVersion.tested`).
    public var testedLibraryReleases: Set<String> = LibraryVersion.tested
    /// Start on a libmicrohttpd release the workarounds were not tested
    /// against, with a logged warning, instead of refusing to.
    public var allowUntestedLibrary = false

    public init() {}

    /// The connection buffer given to libmicrohttpd: `connectionMemoryBytes`,
    /// or more when the URL and header limits need it. A percent-encoded
    /// target is up to three times its decoded length; the parsed header
    /// list takes about as much again as the headers themselves.
    public var effectiveConnectionMemoryBytes: Int {
        max(connectionMemoryBytes, 3 * maximumURLBytes + 2 * maximumHeaderBytes + (16 << 10))
    }

    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
