import Logging
import PostgresNIO
import POEMSStorage

/// Tells this instance's long polls about changes other instances commit:
/// `LISTEN poemsd_changes` on a connection of its own (every batch with
/// changes sends `pg_notify` with its last `seq`), published on the case
/// store's `CommitSignal`. The connection is made again after a failure
/// (a restart, a failover), and a wake-up is published then, since
/// notifications sent meanwhile are lost: a waiter re-reads the feed.
enum ChangeNotifications {
    static let channel = "poemsd_changes"

    /// Listens until the task is cancelled.
    static func listen(_ database: PostgresDatabase, publishing signal: CommitSignal) async {
        var attempt = 0, failures = 0
        while !Task.isCancelled {
            attempt += 1
            let reconnected = attempt > 1
            let started = ContinuousClock.now
            do {
                try await database.withConnection(deadline: nil) { connection in
                    try await connection.listen(on: channel) { notifications in
                        if reconnected { signal.publish(Int64.max) }
                        for try await notification in notifications {
                            if let seq = Int64(notification.payload) { signal.publish(seq) }
                        }
                    }
                }
            } catch {
                database.events.debug("change notifications interrupted", metadata: ["error": "\(PostgresFailure.converting(error))"])
            }
            // Quick after a long listen (a restart), slower while the server stays away.
            failures = ContinuousClock.now - started > .seconds(10) ? 0 : failures + 1
            try? await Task.sleep(for: .milliseconds(250) * min(1 << min(failures, 5), 20))
        }
    }
}
