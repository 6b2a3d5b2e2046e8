#if canImport(Glibc)
import Glibc
#endif

/// The process's own metrics under the names Prometheus client libraries
/// give them (`process_*`), read at scrape time from the kernel's view of
/// this process: `/proc/self/stat`, the entries of `/proc/self/fd` (listed,
/// never opened: the database's descriptors are among them), the open-file
/// limit and the clocks. Linux only; elsewhere there are none.
///
/// | metric | type | source |
/// |---|---|---|
/// | `process_cpu_seconds_total` | counter | user and system time (`utime` + `stime`) |
/// | `process_resident_memory_bytes` | gauge | `rss` pages |
/// | `process_virtual_memory_bytes` | gauge | `vsize` |
/// | `process_open_fds` | gauge | entries of `/proc/self/fd` (the listing's own included) |
/// | `process_max_fds` | gauge | the soft `RLIMIT_NOFILE` |
/// | `process_start_time_seconds` | gauge | `starttime`, ticks after boot, on the Unix clock |
struct ProcessMetrics: Sendable {
    var cpuSeconds: Double
    var residentMemoryBytes: Int
    var virtualMemoryBytes: Int
    var openFileDescriptors: Int
    var maximumFileDescriptors: Int
    var startTimeSeconds: Double

    /// This process's metrics now, or `nil` where `/proc` cannot tell them.
    static func current() -> ProcessMetrics? {
        #if os(Linux)
        guard let stat = readProcFile("/proc/self/stat"), let fields = statFields(stat) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticks > 0, let utime = fields[14], let stime = fields[15], let start = fields[22],
              let vsize = fields[23], let rss = fields[24] else { return nil }
        var limit = rlimit()
        let maximum = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
            ? Int(clamping: limit.rlim_cur) : -1
        // starttime counts from boot; the boot's moment on the Unix clock is
        // now on CLOCK_REALTIME less now on CLOCK_BOOTTIME.
        let bootTime = seconds(CLOCK_REALTIME) - seconds(CLOCK_BOOTTIME)
        return ProcessMetrics(
            cpuSeconds: (utime + stime) / ticks,
            residentMemoryBytes: Int(rss) * Int(sysconf(Int32(_SC_PAGESIZE))),
            virtualMemoryBytes: Int(vsize),
            openFileDescriptors: countEntries("/proc/self/fd"),
            maximumFileDescriptors: maximum,
            startTimeSeconds: bootTime + start / ticks)
        #else
        return nil
        #endif
    }

    /// The samples in the Prometheus text format, each family with its
    /// `# HELP` and `# TYPE` lines (the maximum left out when unlimited).
    func exposition() -> [UInt8] {
        var text = ""
        func family(_ name: String, _ type: String, _ help: String, _ value: String) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", "\(cpuSeconds)")
        family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", "\(residentMemoryBytes)")
        family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", "\(virtualMemoryBytes)")
        family("process_open_fds", "gauge", "Number of open file descriptors.", "\(openFileDescriptors)")
        if maximumFileDescriptors >= 0 {
            family("process_max_fds", "gauge", "Maximum number of open file descriptors.", "\(maximumFileDescriptors)")
        }
        family("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", "\(startTimeSeconds)")
        return Array(text.utf8)
    }

    #if os(Linux)
    /// The numeric fields of a `/proc/[pid]/stat` line by their number in
    /// proc(5) (1-based), read after the command name: it is in parentheses
    /// and may itself hold spaces and parentheses.
    static func statFields(_ line: String) -> [Int: Double]? {
        guard let close = line.lastIndex(of: ")") else { return nil }
        var fields: [Int: Double] = [:]
        // The first field after the name is field 3 (the state).
        for (offset, field) in line[line.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" }).enumerated() {
            fields[offset + 3] = Double(field)
        }
        return fields
    }

    /// A `/proc` file read to its end (its size is reported as 0, so it is
    /// read until `read` returns nothing).
    private static func readProcFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
            bytes += chunk[..<count]
        }
    }

    /// The entries of a directory, without `.` and `..`.
    private static func countEntries(_ path: String) -> Int {
        guard let directory = opendir(path) else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2e] && name != [0x2e, 0x2e] { count += 1 }
        }
        return count
    }

    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    #endif
}
