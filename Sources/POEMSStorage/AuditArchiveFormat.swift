import Foundation

/// The archive file of `poemsd audit archive`, format 1: JSON Lines (one
/// JSON object per line, UTF-8, each line ending in `\n`).
///
/// The first line is the header:
///
/// ```json
/// {"format":"poemsd-audit-archive-1","chain":"poemsd-audit-1","first":{"id":1,"prevHash":"0000…"},
///  "through":{"id":500,"hash":"3f6c…"},"events":500,"before":"2026-01-01T00:00:00.000Z","writtenAt":"2026-02-01T03:00:00.000Z"}
/// ```
///
/// `first` is the first archived event and the hash it follows (64 zeros
/// at the start of the trail, else the previous cut's head); `through` is
/// the last archived event and its hash: the chain's head before the cut,
/// which the database records too (`audit_archive_cuts`). `before` is the
/// `--before` time (stored form), `writtenAt` when the file was written.
///
/// Then one line per event, in id order, with every stored field as
/// stored (`GET /v1/audit`'s names) and its place in the chain:
///
/// ```json
/// {"id":1,"at":"2025-03-01T09:00:00.000Z","key":"ehr","action":"case.read","method":"GET","route":"/v1/cases/{id}",
///  "caseId":"c-1","status":200,"requestId":"r1","clientAddress":"10.0.0.5","prevHash":"0000…","hash":"9a1b…"}
/// ```
///
/// An absent field is `null`. Each event's `hash` can be recomputed from
/// its fields (`AuditChain`), so the file verifies on its own from
/// `first.prevHash`, and against the database's cut at its end.
public enum AuditArchiveFormat {
    /// The format tag of the header.
    public static let version = "poemsd-audit-archive-1"

    /// The first line of an archive file.
    public struct Header: Codable, Sendable, Equatable {
        public struct First: Codable, Sendable, Equatable {
            public var id: Int64
            public var prevHash: String
        }

        public struct Through: Codable, Sendable, Equatable {
            public var id: Int64
            public var hash: String
        }

        public var format: String
        public var chain: String
        public var first: First
        public var through: Through
        public var events: Int
        public var before: String
        public var writtenAt: String

        public init(range: AuditArchiveRange, before: String, writtenAt: String) {
            format = AuditArchiveFormat.version
            chain = AuditChain.version
            first = First(id: range.firstID, prevHash: range.fromHash)
            through = Through(id: range.through.id, hash: range.through.hash)
            events = range.events
            self.before = before
            self.writtenAt = writtenAt
        }

        /// The range the header names.
        public var range: AuditArchiveRange {
            AuditArchiveRange(firstID: first.id, fromHash: first.prevHash, through: AuditChain.Head(id: through.id, hash: through.hash), events: events)
        }
    }

    /// One event line, as decoded.
    struct Line: Decodable {
        var id: Int64
        var at: String
        var key: String?
        var action: String
        var method: String
        var route: String
        var caseId: String?
        var status: Int
        var requestId: String
        var clientAddress: String?
        var prevHash: String
        var hash: String
    }

    /// The header's line, with its `\n`.
    public static func encode(_ header: Header) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes += #"{"format":"#.utf8
        string(header.format, into: &bytes)
        bytes += #","chain":"#.utf8
        string(header.chain, into: &bytes)
        bytes += #","first":{"id":\#(header.first.id),"prevHash":"#.utf8
        string(header.first.prevHash, into: &bytes)
        bytes += #"},"through":{"id":\#(header.through.id),"hash":"#.utf8
        string(header.through.hash, into: &bytes)
        bytes += #"},"events":\#(header.events),"before":"#.utf8
        string(header.before, into: &bytes)
        bytes += #","writtenAt":"#.utf8
        string(header.writtenAt, into: &bytes)
        bytes += "}\n".utf8
        return bytes
    }

    /// The line of `event` (which carries its link), with its `\n`, appended to `bytes`.
    public static func encode(_ event: AuditEvent, into bytes: inout [UInt8]) {
        bytes += #"{"id":\#(event.id),"at":"#.utf8
        string(event.at, into: &bytes)
        bytes += #","key":"#.utf8
        string(event.keyName, into: &bytes)
        bytes += #","action":"#.utf8
        string(event.action, into: &bytes)
        bytes += #","method":"#.utf8
        string(event.method, into: &bytes)
        bytes += #","route":"#.utf8
        string(event.route, into: &bytes)
        bytes += #","caseId":"#.utf8
        string(event.caseID, into: &bytes)
        bytes += #","status":\#(event.status),"requestId":"#.utf8
        string(event.requestID, into: &bytes)
        bytes += #","clientAddress":"#.utf8
        string(event.clientAddress, into: &bytes)
        bytes += #","prevHash":"#.utf8
        string(event.link?.previousHash, into: &bytes)
        bytes += #","hash":"#.utf8
        string(event.link?.hash, into: &bytes)
        bytes += "}\n".utf8
    }

    /// The header of a first line (without its `\n`); `nil` when it is not one of this format.
    public static func header(_ line: some Collection<UInt8>) -> Header? {
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(line)), header.format == version else { return nil }
        return header
    }

    /// The event of an event line (without its `\n`), with its link; `nil` when it is not one.
    public static func event(_ line: some Collection<UInt8>) -> AuditEvent? {
        guard let line = try? JSONDecoder().decode(Line.self, from: Data(line)) else { return nil }
        var event = AuditEvent(keyName: line.key, action: line.action, method: line.method, route: line.route, caseID: line.caseId,
                               status: line.status, requestID: line.requestId, clientAddress: line.clientAddress)
        event.id = line.id
        event.at = line.at
        event.link = AuditChain.Link(previousHash: line.prevHash, hash: line.hash)
        return event
    }

    /// A JSON string (or `null`): UTF-8 as it is, with `"`, `\` and the
    /// control characters escaped.
    private static func string(_ text: String?, into bytes: inout [UInt8]) {
        guard let text else {
            bytes += "null".utf8
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                bytes += #"\u00"#.utf8
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0f)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
