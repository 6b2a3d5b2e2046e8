import ArgumentParser
import Logging

struct LoggingOptions: ParsableArguments {
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. [env: POEMSD_LOG_LEVEL] (default: info)")
    var logLevel: String?

    /// Sets up logging to standard error (standard output is for command results).
    func bootstrap() throws -> Logger {
        let text = logLevel ?? Environment.string("POEMSD_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: text) else { throw ValidationError("unknown log level '\(text)'") }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "poemsd")
    }
}
