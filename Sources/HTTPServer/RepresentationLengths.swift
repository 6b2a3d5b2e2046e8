import Synchronization

/// The lengths of representations recently sent, by strong `ETag`, so that a
/// 304 can state its representation's `Content-Length` (libmicrohttpd sends
/// one on every 304, and RFC 9110 §8.6 allows only the 200's length) without
/// reading and rendering the representation again: a conditional poll then
/// costs one indexed lookup of the current revision.
///
/// A strong tag names one exact byte sequence, so a remembered length never
/// goes stale; a tag not remembered (another instance rendered it, or it was
/// forgotten) is rendered once more. Bounded: past `capacity` entries the
/// table starts over.
final class RepresentationLengths: Sendable {
    private let lengths = Mutex<[String: Int]>([:])
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func length(of etag: String) -> Int? {
        lengths.withLock { $0[etag] }
    }

    func remember(_ length: Int, for etag: String) {
        lengths.withLock { table in
            if table.count >= capacity, table[etag] == nil { table.removeAll(keepingCapacity: true) }
            table[etag] = length
        }
    }
}
