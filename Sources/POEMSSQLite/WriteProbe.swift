import Dispatch
import POEMSStorage
import Synchronization

/// Finds out, while writes are failing, when they work again: without
/// client traffic and off the request path.
///
/// After a write transaction failed for a storage reason (a full disk, I/O,
/// an immutable file, a file this process may not write), a probe write
/// (`statement`, through the same writer) is queued `interval` later; if it
/// fails too (a probe refused as read-only counts as failed, though its
/// batch commits), the writer reports that failure here and the next is
/// queued `interval` after it; so on until one commits, or a client write
/// does: then `StorageHealth` names no write problem any more, and
/// readiness, which only reads that record, passes again. (A writer
/// connection SQLite opened read-only never writes: instead of a probe
/// write, the writer then opens the database again once its files are
/// writable, `GroupCommitWriter.openedReadOnly`.) At most one probe is scheduled at a time; none once the database
/// is lost (nothing is attempted before a restart) or after `stop`.
final class WriteProbe: Sendable {
    /// How long after a failed write the next probe is queued.
    static let defaultInterval = Duration.seconds(1)

    /// A write that changes nothing anyone reads: the `write_probe` row of `service_metadata`.
    static let statement = """
        INSERT INTO service_metadata (key, value) VALUES ('write_probe', strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """

    private struct State {
        var scheduled = false
        var stopped = false
    }

    let interval: Duration
    private let health: StorageHealth
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "WriteProbe")

    init(health: StorageHealth, interval: Duration = defaultInterval) {
        self.health = health
        self.interval = interval
    }

    /// A write failed: unless a probe is scheduled already (or none is
    /// needed), `write` (which queues the probe write, without waiting for
    /// it) runs `interval` from now.
    func writeFailed(_ write: @escaping @Sendable () -> Void) {
        guard health.writeProblem != nil else { return }
        let schedule = state.withLock { state -> Bool in
            guard !state.scheduled, !state.stopped else { return false }
            state.scheduled = true
            return true
        }
        guard schedule else { return }
        let delay = DispatchTimeInterval.milliseconds(Int(interval / .milliseconds(1)))
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            let due = state.withLock { state -> Bool in
                state.scheduled = false
                return !state.stopped
            }
            // Writes may have worked meanwhile (a client's committed).
            guard due, health.writeProblem != nil, health.lost() == nil else { return }
            write()
        }
    }

    /// No probe is queued from now on (one already queued is refused by the stopped writer).
    func stop() {
        state.withLock { $0.stopped = true }
    }
}
