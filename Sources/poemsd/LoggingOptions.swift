import ArgumentParser
import Logging
import POEMSAPI

struct LoggingOptions: ParsableArguments {
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. [env: POEMSD_LOG_LEVEL] (default: info)")
    var logLevel: String?
    @Option(help: "Log format: text (readable) or json (one object per line). [env: POEMSD_LOG_FORMAT] (default: text)")
    var logFormat: String?

    /// Sets up logging to standard error (standard output is for command results).
    func bootstrap() throws -> Logger {
        let text = logLevel ?? Environment.string("POEMSD_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: text) else { throw ValidationError("unknown log level '\(text)'") }
        let format = logFormat ?? Environment.string("POEMSD_LOG_FORMAT") ?? "text"
        switch format {
        case "text":
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case "json":
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        default:
            throw ValidationError("unknown log format '\(format)'; known: text, json")
        }
        return Logger(label: "poemsd")
    }
}
