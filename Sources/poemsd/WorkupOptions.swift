import ArgumentParser
import Foundation
import POEMSAPI

/// Options of `poemsd serve` for the work-up page's capability links (a CDS card's link to `/workup`).
struct WorkupOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How long a CDS card's link to the work-up page opens, in seconds. [env: POEMSD_WORKUP_CAPABILITY_LIFETIME] (default: 900)",
                               valueName: "SECONDS"))
    var workupCapabilityLifetime: Int?

    @Option(help: ArgumentHelp("A file holding the links' AES-256 key as 64 hexadecimal digits, the same on every instance; without it, the database's key. [env: POEMSD_WORKUP_CAPABILITY_KEY_FILE]",
                               valueName: "FILE"))
    var workupCapabilityKeyFile: String?

    @Option(help: ArgumentHelp("Capability evaluations per minute allowed to one client address; 0 turns the limit off. [env: POEMSD_WORKUP_RATE_LIMIT] (default: 60)",
                               valueName: "N"))
    var workupRateLimit: Int?

    func apply(to configuration: inout WorkupConfiguration) throws {
        configuration.capabilityLifetimeSeconds = try workupCapabilityLifetime ?? Environment.int("POEMSD_WORKUP_CAPABILITY_LIFETIME")
            ?? configuration.capabilityLifetimeSeconds
        guard (1...86_400).contains(configuration.capabilityLifetimeSeconds) else {
            throw ValidationError("the work-up capability lifetime must be 1 to 86400 seconds")
        }
        configuration.requestsPerMinutePerClient = try workupRateLimit ?? Environment.int("POEMSD_WORKUP_RATE_LIMIT") ?? configuration.requestsPerMinutePerClient
        guard configuration.requestsPerMinutePerClient >= 0 else { throw ValidationError("the work-up rate limit must be 0 (off) or positive") }
        if let path = workupCapabilityKeyFile ?? Environment.string("POEMSD_WORKUP_CAPABILITY_KEY_FILE") {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("cannot read the work-up capability key file '\(path)'")
            }
            guard let key = WorkupConfiguration.key(hex: text) else {
                throw ValidationError("the work-up capability key file '\(path)' must hold 64 hexadecimal digits (32 bytes)")
            }
            configuration.capabilityKey = key
        }
    }
}
