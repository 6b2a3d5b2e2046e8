import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timestamps as stored: UTC `YYYY-MM-DDTHH:MM:SS.sssZ`, which sort as text.
public enum Timestamp {
    /// `text` (RFC 3339, any offset, optional fraction) in the stored form,
    /// to compare with stored timestamps; `nil` when it is not RFC 3339.
    public static func normalized(_ text: String) -> String? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        guard let date = fractional.date(from: text) ?? plain.date(from: text) else { return nil }
        fractional.timeZone = TimeZone(identifier: "UTC")
        return fractional.string(from: date)
    }

    public static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var parts = tm()
        var seconds = time.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(time.tv_nsec / 1_000_000), 3))Z"
    }
}
