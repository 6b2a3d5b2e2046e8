import Crypto
import Synchronization

/// A symmetric key read once, on first use, and kept: the database's keys
/// (``CDSCardIdentifier``'s, ``WorkupLinks``'), the same for every instance
/// on the database, or a key given in the configuration.
final class CachedKey: Sendable {
    private let read: @Sendable () throws -> [UInt8]
    private let cached = Mutex<SymmetricKey?>(nil)

    /// `read` runs off the event loop (``BlockingWork``), once it succeeds.
    init(read: @escaping @Sendable () throws -> [UInt8]) { self.read = read }

    /// The key, read on the first call.
    func key() async throws -> SymmetricKey {
        if let key = cached.withLock({ $0 }) { return key }
        let read = self.read
        let loaded = SymmetricKey(data: try await BlockingWork.run { try read() })
        cached.withLock { $0 = loaded }
        return loaded
    }
}
