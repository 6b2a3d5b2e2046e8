import Crypto
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `poemsd audit archive`: moves the oldest events of the audit trail into
/// an archive file (`AuditArchiveFormat`), on any engine (`AuditLog`).
///
/// 1. The range: from the first event in the table through the last one
///    written before the given time (`AuditLog.archiveRange`), fixed now;
///    events appended meanwhile stay in the table.
/// 2. The file: `DEST.partial` (created, never replaced), the header and
///    every event of the range, each checked to continue the chain from
///    the last cut (a broken trail is not archived), then synced. No lock
///    is held meanwhile: servers go on writing.
/// 3. One transaction (`AuditLog.archive`): the `audit.archive` event is
///    appended, the cut recorded, the events removed; before the commit the
///    file gets its name `DEST` (a hard link, so an existing file is never
///    replaced) and its directory is synced. A failure before the commit
///    rolls everything back and removes the file.
///
/// So the events are on disk in `DEST` before they leave the database, and
/// a command killed at any point leaves them at least in the database
/// (then at worst a stray `DEST.partial`, or a `DEST` whose cut the
/// database does not record, which `audit verify --archive` names).
public enum AuditArchiver {
    /// What an archive did.
    public struct Outcome: Sendable {
        public var cut: AuditArchiveCut
        /// The `at` of the first and the last archived event.
        public var firstAt: String
        public var lastAt: String
    }

    /// The archive was refused or failed; nothing was archived.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Archives the events before `before` (stored form) into the new file
    /// `destination`, with the `audit.archive` event `event` makes (given
    /// the range and the file's name). `nil` when no event is before it.
    public static func archive(_ log: any AuditLog, before: String, into destination: String,
                               event: (AuditArchiveRange, _ fileName: String) -> AuditEvent) throws -> Outcome? {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw Refusal(description: "\(destination) exists: an archive never replaces a file")
        }
        guard let range = try log.archiveRange(before: before) else { return nil }
        let start = try log.archiveCuts().last?.range.through
        let partial = destination + ".partial"
        let fileName = URL(fileURLWithPath: destination).lastPathComponent
        // Named `destination` within the transaction (then removed if it does not commit).
        let named = NamedFlag()
        do {
            let (sha256, firstAt, lastAt) = try writeArchive(log, range, after: start, before: before, to: partial)
            let cut = try log.archive(range, event: event(range, fileName), fileName: fileName, fileSHA256: sha256) {
                guard link(partial, destination) == 0 else {
                    throw Refusal(description: "cannot name the archive \(destination): \(String(cString: strerror(errno)))")
                }
                named.set()
                unlink(partial)
                try FileSync.sync(FileSync.directory(of: destination))
            }
            return Outcome(cut: cut, firstAt: firstAt, lastAt: lastAt)
        } catch {
            unlink(partial)
            if case DatabaseError.outcomeUnknown(let reason) = error {
                throw Refusal(description: "the database's answer to the archive's commit was lost (\(reason)): it may or may not have committed. "
                    + "\(destination) is kept: if `poemsd audit verify --archive \(destination)` says the database records no cut at event "
                    + "\(range.through.id), nothing was archived; remove \(destination) and run the archive again")
            }
            if named.isSet { unlink(destination) }
            throw error
        }
    }

    /// Writes the archive of `range` into the new file `path` and syncs
    /// it; the file's SHA-256 and the first and last event's time.
    private static func writeArchive(_ log: any AuditLog, _ range: AuditArchiveRange, after start: AuditChain.Head?, before: String,
                              to path: String) throws -> (sha256: String, firstAt: String, lastAt: String) {
        unlink(path)  // a partial file left by an archive that was killed
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Refusal(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var hasher = SHA256()
        var pending = AuditArchiveFormat.encode(AuditArchiveFormat.Header(range: range, before: before, writtenAt: Timestamp.now()))
        func flush() throws {
            hasher.update(data: pending)
            var offset = 0
            while offset < pending.count {
                let written = pending[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Refusal(description: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
            pending.removeAll(keepingCapacity: true)
        }

        var verifier = AuditChainVerifier(after: start)
        var times: (first: String, last: String)?
        var after = range.firstID - 1
        reading: while true {
            let page = try log.events(AuditQuery(limit: 1000, after: after))
            for event in page.events {
                guard event.id <= range.through.id else { break reading }
                if let broken = verifier.check(event) {
                    // Another archive removed these events meanwhile?
                    if try log.archiveCuts().last?.range.through != start { throw AuditArchiveConflict() }
                    throw Refusal(description: "the audit chain is broken at event \(broken.eventID): \(broken); nothing was archived "
                        + "(poemsd audit verify tells more)")
                }
                AuditArchiveFormat.encode(event, into: &pending)
                times = (times?.first ?? event.at, event.at)
                if pending.count >= 1 << 20 { try flush() }
            }
            guard let next = page.next else { break }
            after = next
        }
        guard verifier.head == range.through, verifier.intact == range.events, let times else { throw AuditArchiveConflict() }
        try flush()
        guard fsync(descriptor) == 0 else { throw Refusal(description: "cannot sync \(path): \(String(cString: strerror(errno)))") }
        return (SHA256Hex.hex(hasher.finalize()), times.first, times.last)
    }
}

/// Set once, read after: whether the archive file got its name.
private final class NamedFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
