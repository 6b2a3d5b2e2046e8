import ArgumentParser
import POEMSAPI

@main
struct PoemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poemsd",
        abstract: "An HTTP JSON API that helps clinicians recognise POEMS syndrome.",
        discussion: "Every option can also be set by the environment variable named in its help; the flag wins.",
        version: ServiceVersion.current,
        subcommands: [Serve.self, Migrate.self, Keys.self, Cases.self, Audit.self, Terminology.self, Backup.self, Restore.self, Evaluate.self, Healthcheck.self, Version.self],
        defaultSubcommand: Serve.self
    )
}
