import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Closes connections whose client is too slow: request line and headers
/// not in by their deadline, or a body arriving below the minimum rate.
///
/// libmicrohttpd's connection timeout is an idle timeout: a client that
/// sends one byte every few seconds (slowloris) resets it for ever, and
/// libmicrohttpd does not call the application while headers trickle in.
/// So each connection's deadline is kept in its `ConnectionRecord`, and a
/// watchdog checks them every `interval`: a late connection's socket is
/// shut down (`shutdown(2)`, which libmicrohttpd sees as the client
/// leaving, and closes the connection itself). No response is sent, as for
/// libmicrohttpd's own timeout: the polling thread may be about to write.
///
/// The records are registered when libmicrohttpd reports a connection
/// started and removed when it reports it closed, which it does before
/// closing the socket; the watchdog shuts sockets down under the same lock,
/// so it never touches a descriptor that has been closed (and maybe reused).
final class ConnectionDeadlines: Sendable {
    /// The deadlines, in the units the records compute with.
    struct Limits: Sendable {
        /// Time for a request line and headers, and a body's grace; 0 = none.
        var headerMilliseconds: Int64
        /// The idle wait allowed between requests on a kept-alive connection.
        var idleMilliseconds: Int64
        /// Least average body rate after the grace; 0 = none.
        var bytesPerSecond: Int64

        /// The time a body has before the rate applies: the header time,
        /// or the idle timeout when there is no header deadline.
        var bodyGraceMilliseconds: Int64 { headerMilliseconds > 0 ? headerMilliseconds : idleMilliseconds }
    }

    let limits: Limits
    private let interval: Duration
    private let records = Mutex<[ObjectIdentifier: ConnectionRecord]>([:])
    /// The watchdog, from `start()` to `stop()`.
    private let timer = Mutex<(any DispatchSourceTimer)?>(nil)
    /// Called with the number of connections closed in one pass (> 0).
    private let onClosed: @Sendable (Int) -> Void

    init(limits: Limits, interval: Duration = .milliseconds(250), onClosed: @escaping @Sendable (Int) -> Void) {
        self.limits = limits
        self.interval = interval
        self.onClosed = onClosed
    }

    /// Starts the watchdog (when any deadline is set).
    func start() {
        guard limits.headerMilliseconds > 0 || limits.bytesPerSecond > 0 else { return }
        let (seconds, attoseconds) = interval.components
        let period = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        timer.withLock { timer in
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "HTTPServer.connection-deadlines"))
            source.schedule(deadline: .now(), repeating: period)
            source.setEventHandler { [weak self] in self?.closeLateConnections() }
            source.resume()
            timer = source
        }
    }

    /// Stops the watchdog.
    func stop() {
        timer.withLock { timer in
            timer?.cancel()
            timer = nil
        }
    }

    /// Registers a connection libmicrohttpd has just accepted.
    func opened(descriptor: Int32) -> ConnectionRecord {
        let record = ConnectionRecord(descriptor: descriptor, limits: limits)
        records.withLock { $0[ObjectIdentifier(record)] = record }
        return record
    }

    /// Forgets a connection libmicrohttpd is closing.
    func closed(_ record: ConnectionRecord) {
        _ = records.withLock { $0.removeValue(forKey: ObjectIdentifier(record)) }
    }

    /// Connections registered now.
    var count: Int { records.withLock { $0.count } }

    private func closeLateConnections() {
        let now = ConnectionRecord.now()
        let closed = records.withLock { records in
            var closed = 0
            for record in records.values {
                let deadline = record.deadline.load(ordering: .relaxed)
                guard deadline != 0, now > deadline else { continue }
                // Once: the connection stays registered until libmicrohttpd closes it.
                record.deadline.store(0, ordering: .relaxed)
                shutdown(record.descriptor, Int32(SHUT_RDWR))
                closed += 1
            }
            return closed
        }
        if closed > 0 { onClosed(closed) }
    }
}
