import Dispatch

/// Synchronous work (a storage read) awaited from an async handler without
/// holding one of Swift's cooperative threads, of which there are as many
/// as cores: the work runs on a Dispatch global queue while the task waits
/// suspended. Without it, a few CDS Hooks calls waiting on a database that
/// stopped answering (up to its deadlines) would hold every cooperative
/// thread, and every other async handler would wait behind them.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
