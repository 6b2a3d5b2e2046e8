import Dispatch
import NIOCore
import NIOPosix
import POEMSStorage
import Synchronization

/// Runs async PostgreSQL work for the storage protocols' synchronous reads,
/// which are called on the HTTP server's threads.
///
/// The work runs as a task whose executor is an event loop of the
/// database client's group (`EventLoopExecutor`), not Swift's shared
/// cooperative pool: a caller that blocks a pool thread waiting for it (a
/// handler inside a task) cannot starve the work it waits for. Never call
/// `run` on one of those event loops.
final class Blocking: Sendable {
    private let executors: [EventLoopExecutor]
    private let next = Atomic<Int>(0)

    init(group: any EventLoopGroup) { executors = group.makeIterator().map(EventLoopExecutor.init) }

    private var executor: EventLoopExecutor {
        executors[next.wrappingAdd(1, ordering: .relaxed).oldValue % executors.count]
    }

    /// Blocks until `body` returns or `timeout` passes; on timeout the work
    /// is cancelled and `.unavailable` thrown.
    func run<T: Sendable>(timeout: Duration, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        let task = Task(executorPreference: executor) {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            done.signal()
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            throw DatabaseError.unavailable("no answer within \(Int(seconds)) s")
        }
        return try result.withLock { $0! }.get()
    }

    /// Starts `body` on the executor without waiting (writes with
    /// completions, the client's run loop, the change listener).
    @discardableResult
    func start(_ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        Task(executorPreference: executor) { await body() }
    }
}

/// A task executor that runs jobs on one NIO event loop.
final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
