import Foundation
import PackagePlugin

/// Compiles the package's `Migrations/*.sql` (for POEMSPostgres,
/// `Migrations/postgres/*.sql`) into the target, so that the
/// binary carries its schema wherever it is copied: the files stay the one
/// source of truth, and the generated Swift is rebuilt whenever one changes.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        // Each engine has its own numbered migrations.
        let directory = context.package.directoryURL.appending(path: target.name == "POEMSPostgres" ? "Migrations/postgres" : "Migrations")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migrations into \(target.name)",
                executable: try context.tool(named: "embed-migrations").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
