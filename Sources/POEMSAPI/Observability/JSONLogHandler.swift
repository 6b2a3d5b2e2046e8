import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes each log event as one JSON object on one line, for log shippers:
/// `{"time":"2026-11-21T23:05:01.123Z","level":"info","message":"request",`
/// `"request_id":"…","method":"GET","route":"/v1/cases/{id}","status":200,…}`.
///
/// The keys are `time` (UTC, milliseconds), `level`, `message`, `label`,
/// then the metadata, flattened; integer and decimal values stay numbers.
/// It writes only what the code logs, which is never a body, a query
/// string, a patient reference or a token.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: LogOutput

    /// A handler writing to `descriptor` (standard error by default).
    public init(label: String, descriptor: Int32 = 2) {
        self.label = label
        self.output = LogOutput.shared(descriptor)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var line = "{\"time\":" + Self.quoted(Self.timestamp())
        line += ",\"level\":" + Self.quoted(event.level.rawValue)
        line += ",\"message\":" + Self.quoted(event.message.description)
        line += ",\"label\":" + Self.quoted(label)
        for key in merged.keys.sorted() where !["time", "level", "message", "label"].contains(key) {
            line += "," + Self.quoted(key) + ":" + Self.json(merged[key]!)
        }
        line += "}\n"
        output.write(line)
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let number as Int: return "\(number)"
            case let number as Double where number.isFinite: return "\(number)"
            case let flag as Bool: return "\(flag)"
            default: return quoted(convertible.description)
            }
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values):
            return "{" + values.keys.sorted().map { quoted($0) + ":" + json(values[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// `text` as a JSON string (RFC 8259 §7).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Now, UTC, ISO 8601 with milliseconds.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let milliseconds = Int(now.tv_nsec / 1_000_000)
        let fraction = String(repeating: "0", count: 3 - "\(milliseconds)".count) + "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}

/// One lock per output, so that lines from many threads never interleave.
final class LogOutput: Sendable {
    private let descriptor: Mutex<Int32>

    private init(_ descriptor: Int32) { self.descriptor = Mutex(descriptor) }

    private static let standardError = LogOutput(2)

    static func shared(_ descriptor: Int32) -> LogOutput {
        descriptor == 2 ? standardError : LogOutput(descriptor)
    }

    func write(_ line: String) {
        descriptor.withLock { descriptor in
            var bytes = Array(line.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 { if errno == EINTR { continue }; return }
                bytes = bytes.dropFirst(written)
            }
        }
    }
}
