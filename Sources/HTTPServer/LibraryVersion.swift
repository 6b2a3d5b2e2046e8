import CMicroHTTPD

/// The libmicrohttpd the process runs on, checked at start against the
/// versions the transport's workarounds were written and tested against
/// (`docs/transport-workarounds.md`): each of them corrects a behaviour of
/// one release, which another release may have fixed, changed or broken
/// differently, so an untested release is refused unless the operator
/// accepts it (`HTTPServerConfiguration.allowUntestedLibrary`), and then
/// started with a logged warning.
public struct LibraryVersion: Sendable, Equatable, CustomStringConvertible {
    /// The releases the workarounds and the transport tests were run on:
    /// Debian bookworm's libmicrohttpd12 (0.9.75).
    public static let tested: Set<String> = ["0.9.75"]

    /// The dotted release, as `MHD_get_version()` reports it.
    public let release: String

    public init(release: String) { self.release = release }

    /// The release linked into this process.
    public static var running: LibraryVersion {
        LibraryVersion(release: MHD_get_version().map { String(cString: $0) } ?? "unknown")
    }

    public var isTested: Bool { Self.tested.contains(release) }

    public var description: String { "libmicrohttpd \(release)" }
}
