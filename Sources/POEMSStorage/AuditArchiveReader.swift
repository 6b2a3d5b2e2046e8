import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stream of archived events and what frames them: what
/// `AuditChainVerifier` checks archives through (an archive file is
/// `AuditArchiveReader`).
public protocol AuditArchiveSource: AnyObject {
    /// How the archive is named in reports (its path).
    var name: String { get }
    var header: AuditArchiveFormat.Header { get }
    /// The next event in the archive's order; `nil` at its end.
    func next() throws -> AuditEvent?
    /// SHA-256 of the whole archive, lowercase hex, once `next` returned `nil`.
    var sha256: String? { get }
}

/// Reads an archive file (`AuditArchiveFormat`) line by line, hashing
/// every byte read: its header when opened, then one event per `next`.
/// Used by `poemsd audit verify --archive`; reads a file, never a database.
public final class AuditArchiveReader: AuditArchiveSource {
    /// The file cannot be read, or is not an archive.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let name: String
    public let header: AuditArchiveFormat.Header
    public private(set) var sha256: String?
    private let descriptor: Int32
    private var hasher: SHA256
    private var buffer: [UInt8]
    private var position: Int
    private var ended: Bool
    private var lineNumber: Int

    /// Opens `path` and reads its header.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open the archive \(path): \(String(cString: strerror(errno)))") }
        var buffer: [UInt8] = [], position = 0, hasher = SHA256(), ended = false
        let first: ArraySlice<UInt8>?
        do { first = try Self.line(descriptor, &buffer, &position, &hasher, &ended) } catch {
            close(descriptor)
            throw error
        }
        guard let header = first.flatMap(AuditArchiveFormat.header) else {
            close(descriptor)
            throw Failure(description: "\(path) is not an audit archive of this format (its first line is not a \(AuditArchiveFormat.version) header)")
        }
        name = path
        self.descriptor = descriptor
        self.header = header
        self.buffer = buffer
        self.position = position
        self.hasher = hasher
        self.ended = ended
        lineNumber = 1
    }

    deinit { close(descriptor) }

    public func next() throws -> AuditEvent? {
        guard let line = try Self.line(descriptor, &buffer, &position, &hasher, &ended) else {
            if sha256 == nil { sha256 = SHA256Hex.hex(hasher.finalize()) }
            return nil
        }
        lineNumber += 1
        guard let event = AuditArchiveFormat.event(line) else {
            throw Failure(description: "line \(lineNumber) of the archive \(name) is not an archived event (the file was changed or cut short)")
        }
        return event
    }

    /// The next line without its `\n`, every byte read hashed; `nil` at
    /// the end. A last line without `\n` is a line too.
    private static func line(_ descriptor: Int32, _ buffer: inout [UInt8], _ position: inout Int, _ hasher: inout SHA256,
                             _ ended: inout Bool) throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1 }
                return buffer[position..<newline]
            }
            if ended {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return buffer[position...]
            }
            buffer.removeFirst(position)
            position = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read the archive: \(String(cString: strerror(errno)))")
            }
            if count == 0 { ended = true; continue }
            hasher.update(data: chunk[..<count])
            buffer += chunk[..<count]
        }
    }
}
