import CStorageFaults
import POEMSStorage
import Synchronization

/// What the one write path knows about the database's ability to take
/// writes, for the writer (refuse before acknowledging), readiness and the
/// log:
///
/// - lost, until a restart: the file at the path is no longer the one the
///   server opened (`DatabaseFileIdentity`: removed or replaced, so that the
///   open connections write to a file nobody will read again), or SQLite's
///   shared memory had to be replaced by private pages (the `-shm` file made
///   immutable under a running server; see `CStorageFaults`);
/// - refused while it lasts: the database file, its `-wal` or its `-shm`
///   is immutable or append-only (`chattr +i`);
/// - failing: the last write transaction failed for a storage reason (a
///   full disk, I/O), and why, until one commits again.
final class StorageHealth: Sendable {
    private struct State {
        var lost: String?
        var failing: StorageFailure?
    }

    let path: String
    /// The file opened, recorded once the writer has opened (or created) it.
    private let identity = Mutex<DatabaseFileIdentity?>(nil)
    private let state = Mutex(State())
    /// Told each storage failure of a write (for the log); set once, by the service.
    let failureObserver = Mutex<(@Sendable (StorageFailure) -> Void)?>(nil)

    init(path: String) {
        self.path = path
        poemsd_install_shm_fault_handler()
    }

    /// Records the identity of the file at the path: call once the writer
    /// connection has opened it.
    func recordOpenedFile() {
        identity.withLock { $0 = DatabaseFileIdentity.of(path) }
    }

    /// Why the file at the path is not the one opened (removed or
    /// replaced); `nil` while it is. What a new connection checks.
    func fileChanged() -> String? {
        identity.withLock { $0 }?.change(at: path)
    }

    /// Why no write can be acknowledged until a restart; `nil` while they can.
    func lost() -> String? {
        if let lost = state.withLock({ $0.lost }) { return lost }
        var change = fileChanged()
        if change == nil, poemsd_shm_pages_replaced() > 0 {
            change = "the database's shared memory (-shm) became unwritable (made immutable or read-only) while the server ran"
        }
        guard let change else { return nil }
        let first = state.withLock { state -> Bool in
            guard state.lost == nil else { return false }
            state.lost = change
            return true
        }
        if first { report(StorageFailure(engine: "SQLite", code: nil, summary: change + "; writes are refused until a restart")) }
        return change
    }

    /// Why a write must not be attempted now (`nil`: it may): lost, or one
    /// of the database's files is immutable or append-only.
    func refusal() -> String? {
        if let lost = lost() { return lost }
        for suffix in ["", "-wal", "-shm"] where poemsd_file_is_immutable(path + suffix) == 1 {
            return "the database file\(suffix.isEmpty ? "" : " (\(suffix))") is immutable or append-only"
        }
        return nil
    }

    /// A write transaction failed with `error` (engine error, converted or not).
    func writeFailed(_ error: any Error) {
        guard let failure = StorageFailure(error) else { return }
        let (lost, repeated) = state.withLock { state -> (Bool, Bool) in
            defer { state.failing = failure }
            return (state.lost != nil, state.failing == failure)
        }
        if !lost && !repeated { report(failure) }
    }

    /// A write transaction committed: writes work.
    func writeCommitted() {
        state.withLock { $0.failing = nil }
    }

    /// Why the database cannot take writes now (`nil`: as far as is known, it can).
    var writeProblem: String? {
        state.withLock { state in
            state.lost ?? state.failing.map { "writes are failing: \($0.summary)" }
        }
    }

    private func report(_ failure: StorageFailure) {
        failureObserver.withLock { $0 }?(failure)
    }
}
