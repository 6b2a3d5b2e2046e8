import Foundation

/// The single writer: runs write jobs on its own thread, committing the jobs
/// that arrived together in one transaction (group commit), so that many
/// concurrent writes share one fsync. Each job's completion is called only
/// after the commit that made it durable.
///
/// A job that throws is rolled back alone (each runs in a savepoint); the
/// others in its batch still commit. With `maximumBatch` 1 every job gets its
/// own transaction: the one-commit-per-request baseline of the benchmarks.
final class WriteQueue: @unchecked Sendable {
    private struct Job {
        let run: (Database) -> Bool
        let finish: (DatabaseError?) -> Void
    }

    private let database: Database
    private let maximumBatch: Int
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    /// Jobs run and transactions committed so far (read under `condition`).
    private var counts = (jobs: 0, commits: 0)

    /// (jobs, commits) so far: their ratio is the mean group-commit batch.
    var statistics: (jobs: Int, commits: Int) {
        condition.lock()
        defer { condition.unlock() }
        return counts
    }

    init(database: Database, maximumBatch: Int) {
        self.database = database
        self.maximumBatch = max(1, maximumBatch)
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "poemsd-writer"
        self.thread = thread
        thread.start()
    }

    /// Queues `work`; `completion` receives its result once committed (or
    /// the commit's error), on a global dispatch queue.
    func submit<T>(_ work: @escaping (Database) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let box = ResultBox<T>()
        let job = Job(
            run: { database in
                let result = Result { try work(database) }
                box.result = result
                if case .success = result { return true } else { return false }
            },
            finish: { commitError in
                if let commitError { completion(.failure(commitError)) } else { completion(box.result ?? .failure(DatabaseError.migration("job did not run"))) }
            })
        condition.lock()
        let accepted = !stopping
        if accepted {
            pending.append(job)
            condition.signal()
        }
        condition.unlock()
        if !accepted { completion(.failure(DatabaseError.closed)) }
    }

    /// Commits what is queued, then stops the thread. Blocks until done.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    /// Completions run off the writer thread, which goes straight on to the
    /// next batch: rendering responses is not the writer's work.
    private func complete(_ batch: [Job], _ error: DatabaseError?) {
        let finishes = Finishes(batch.map(\.finish))
        DispatchQueue.global().async {
            for finish in finishes.all { finish(error) }
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                condition.unlock()
                finished.signal()
                return
            }
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            condition.unlock()
            commit(batch)
        }
    }

    private func commit(_ batch: [Job]) {
        do {
            try database.execute("BEGIN IMMEDIATE")
            for job in batch {
                try database.execute("SAVEPOINT job")
                if !job.run(database) {
                    // Undo this job's writes only; the batch goes on.
                    try database.execute("ROLLBACK TO job")
                }
                try database.execute("RELEASE job")
            }
            try database.execute("COMMIT")
            condition.lock()
            counts.jobs += batch.count
            counts.commits += 1
            condition.unlock()
            complete(batch, nil)
        } catch {
            try? database.execute("ROLLBACK")
            complete(batch, error)
        }
    }
}

/// Carries a job's result from its run, inside the transaction, to its
/// completion, after the commit; both happen on the writer thread.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// The completions of a committed batch, handed to another thread once.
private struct Finishes: @unchecked Sendable {
    let all: [(DatabaseError?) -> Void]
    init(_ all: [(DatabaseError?) -> Void]) { self.all = all }
}
