import ArgumentParser
import Foundation
import POEMSAPI

/// `poemsd terminology import FILE`: add local codes to the terminology map.
struct Terminology: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the terminology map of FHIR input (applies pending migrations first).",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import terminology rows from a JSON file ({\"rows\": [...]}, as GET /v1/terminology lists them); a row replaces the one with the same system and code. A running server uses them at once.")

        @Argument(help: "The JSON file of rows.")
        var file: String
        @OptionGroup var storage: DatabaseOptions

        func run() throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw ValidationError("cannot read \(file)")
            }
            do {
                let audit = CommandAudit()
                let database = try storage.openMigrated("terminology import", audit: audit)
                defer { database.close() }
                let count = try TerminologyCatalog.importDocument(data, into: database.terminology)
                try audit.record("terminology.import", "poemsd terminology import: \(count) row(s)", in: database)
                print("imported \(count) terminology row(s)")
            } catch let error as DecodingError {
                throw ValidationError("\(file): \(Self.describe(error))")
            }
        }

        static func describe(_ error: DecodingError) -> String {
            switch error {
            case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
                "at /\(c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")): \(c.debugDescription)"
            case .keyNotFound(let key, let c):
                "at /\((c.codingPath + [key]).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")): required field missing"
            @unknown default: "invalid document"
            }
        }
    }
}
