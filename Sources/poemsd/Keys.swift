import ArgumentParser
import POEMSStorage

/// `poemsd keys create|list|revoke`: API keys in the database.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API keys in an existing database (applies pending migrations first); creation and revocation are audited.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print its token, once.")

        @Option(help: "Unique name of the key: 1-64 characters of A-Z a-z 0-9 - _ .")
        var name: String
        @Option(help: "Role: viewer (a wall screen: counts and verdicts only), reader, writer or admin.")
        var role: String
        @OptionGroup var storage: DatabaseOptions

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("unknown role '\(role)'; known: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let audit = CommandAudit()
            let database = try storage.openMigrated("keys create", audit: audit)
            defer { database.close() }
            let (token, record) = try database.keys.create(name: name, role: role)
            try audit.record("key.create", "poemsd keys create \(record.name) (\(record.role.rawValue))", in: database)
            print("created key '\(record.name)' (\(record.role.rawValue))")
            print(token)
            print("Store this token now: it will not be shown again.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys: name, role, token prefix, created, revoked. Never a token.")

        @OptionGroup var storage: DatabaseOptions

        func run() throws {
            let database = try storage.openMigrated("keys list", audit: CommandAudit())
            defer { database.close() }
            let records = try database.keys.list()
            let rows = [["NAME", "ROLE", "PREFIX", "CREATED", "REVOKED"]]
                + records.map { [$0.name, $0.role.rawValue, $0.tokenPrefix, $0.createdAt, $0.revokedAt ?? "-"] }
            let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let cells = zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
                print(cells.joined(separator: "  ").trimmingTrailingSpaces())
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: it never authenticates again.")

        @Argument(help: "Name of the key.")
        var name: String
        @OptionGroup var storage: DatabaseOptions

        func run() throws {
            let audit = CommandAudit()
            let database = try storage.openMigrated("keys revoke", audit: audit)
            defer { database.close() }
            try database.keys.revoke(name: name)
            try audit.record("key.revoke", "poemsd keys revoke \(name)", in: database)
            print("revoked key '\(name)'")
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
