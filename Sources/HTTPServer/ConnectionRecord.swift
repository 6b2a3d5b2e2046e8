import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The server's record of one TCP connection, from the moment it is
/// accepted until libmicrohttpd closes it: its socket and the deadline by
/// which the client must have sent what it owes (see `ConnectionDeadlines`).
///
/// The deadline moves with the request:
/// - accepted: the request line and headers are due `headerTimeout` later;
/// - headers in: a body (if any) must keep up `minimumBodyRate` after a
///   grace of `headerTimeout` (or the idle timeout, when that is 0);
/// - body in, handler running, response going out: no deadline (the
///   handler's own time, and libmicrohttpd's idle timeout while sending);
/// - response sent, connection kept alive: the next request line and
///   headers are due after the idle timeout and `headerTimeout`.
///
/// Everything but `deadline` is touched only by the connection's polling
/// thread; the watchdog reads `deadline`.
final class ConnectionRecord: @unchecked Sendable {
    /// The socket. Valid until libmicrohttpd reports the connection closed,
    /// which happens before it closes the socket.
    let descriptor: Int32
    /// Milliseconds on the monotonic clock; 0 means none.
    let deadline = Atomic<Int64>(0)
    private let limits: ConnectionDeadlines.Limits
    private var bodyStartedAt: Int64 = 0
    private var bodyBytes: Int64 = 0
    /// Strings decoded by the unescape callback since the request began that
    /// held a control character (the path's among them if it did).
    private var controlCharacterStrings: [UnsafeRawPointer] = []
    /// Where the request target as received ended as a C string.
    private var targetEnd: UnsafeRawPointer?

    init(descriptor: Int32, limits: ConnectionDeadlines.Limits) {
        self.descriptor = descriptor
        self.limits = limits
        if limits.headerMilliseconds > 0 { deadline.store(Self.now() + limits.headerMilliseconds, ordering: .relaxed) }
    }

    /// The request line and headers are in.
    func headersArrived() {
        bodyStartedAt = Self.now()
        bodyBytes = 0
        deadline.store(limits.bytesPerSecond > 0 ? bodyStartedAt + limits.bodyGraceMilliseconds : 0, ordering: .relaxed)
    }

    /// `count` more body bytes are in: the deadline moves on by the time
    /// they earn at the minimum rate.
    func bodyReceived(_ count: Int) {
        bodyBytes += Int64(count)
        guard limits.bytesPerSecond > 0 else { return }
        deadline.store(bodyStartedAt + limits.bodyGraceMilliseconds + bodyBytes * 1000 / limits.bytesPerSecond, ordering: .relaxed)
    }

    /// The request is complete and handed to its handler.
    func handling() { deadline.store(0, ordering: .relaxed) }

    /// The response is sent; the connection may wait for another request.
    func requestCompleted() {
        controlCharacterStrings = []
        targetEnd = nil
        guard limits.headerMilliseconds > 0 else { return deadline.store(0, ordering: .relaxed) }
        deadline.store(Self.now() + limits.idleMilliseconds + limits.headerMilliseconds, ordering: .relaxed)
    }

    /// Notes that the string at `text` was decoded with a control character in it.
    func decodedControlCharacter(at text: UnsafeRawPointer) { controlCharacterStrings.append(text) }

    /// Notes where the request target, as received, ends as a C string.
    func receivedTarget(endingAt end: UnsafeRawPointer) { targetEnd = UnsafeRawPointer(end) }

    /// Whether the target ended just before `version` (where libmicrohttpd
    /// put a NUL for the space between them), as it does unless it holds a
    /// NUL of its own; `nil` when no target was seen.
    func targetEndsAtVersion(_ version: UnsafeRawPointer) -> Bool? {
        targetEnd.map { $0 == version - 1 }
    }

    /// Whether the string at `text` (the path) was decoded with a control character in it.
    func hasControlCharacter(at text: UnsafeRawPointer) -> Bool { controlCharacterStrings.contains(text) }

    /// Milliseconds on the monotonic clock.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
