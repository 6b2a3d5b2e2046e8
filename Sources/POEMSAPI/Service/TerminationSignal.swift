import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT, caught from the moment this is made. Made before
/// the server listens: a signal sent as soon as the port is announced (a
/// supervisor or a test stopping an instance it just started) is then
/// never lost. Made after, a signal arriving between the start and the
/// handler's installation was ignored, and the process waited for another
/// for ever.
///
/// ```swift
/// let termination = TerminationSignal()
/// try service.start()
/// termination.wait()
/// service.stop()
/// ```
public final class TerminationSignal {
    private let received = DispatchSemaphore(value: 0)
    private let sources: [any DispatchSourceSignal]

    public init() {
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [received] in received.signal() }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Blocks the calling thread until SIGTERM or SIGINT was received (also before this call).
    public func wait() {
        received.wait()
        sources.forEach { $0.cancel() }
    }
}
