import Foundation

/// One schema change: a numbered SQL file of `Migrations/`
/// (`0001_service_metadata.sql`), applied once, in order, in its own
/// transaction.
public struct Migration: Sendable, Equatable {
    /// The number the file name starts with.
    public let version: Int
    /// The file name, recorded when applied.
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex: a changed applied file stops the start.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256Hex.of(sql.utf8)
    }

    /// Reads every `NNNN_name.sql` file of `directory`, sorted by number.
    /// Two files with one number, or a gap in the numbering, are errors.
    public static func load(from directory: String) throws(DatabaseError) -> [Migration] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .migration("cannot read the migrations directory \(directory)")
        }
        var files: [(name: String, sql: String)] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                  let sql = String(data: data, encoding: .utf8) else {
                throw .migration("cannot read migration \(name)")
            }
            files.append((name, sql))
        }
        return try checked(files)
    }

    /// The migrations of `files` (name and text, sorted by name), checked:
    /// each name starts with its number, numbered 1, 2, 3… without gaps (what
    /// an engine's embedded migrations and a directory's files go through).
    public static func checked(_ files: [(name: String, sql: String)]) throws(DatabaseError) -> [Migration] {
        var migrations: [Migration] = []
        for (name, sql) in files {
            guard let version = Int(name.prefix { $0.isNumber }), name.first?.isNumber == true else {
                throw .migration("migration file \(name) does not start with its number (NNNN_name.sql)")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw .migration("migrations must be numbered 1, 2, 3… without gaps or duplicates; found \(migration.name) at position \(index + 1)")
        }
        return migrations
    }

    /// The migrations of `migrations` not yet applied, given the history rows
    /// of a database (any engine's `schema_migrations`), after checking them:
    /// an applied migration that is missing or whose text changed is an error
    /// (the checksum rule, the same for every engine).
    public static func pending(_ migrations: [Migration], applied history: [(version: Int, name: String, checksum: String)]) throws(DatabaseError) -> [Migration] {
        var applied: Set<Int> = []
        for (version, name, checksum) in history {
            guard let file = migrations.first(where: { $0.version == version }) else {
                throw .migration("the database has migration \(name) applied, but no such file is in the migrations directory: is this binary older than the database?")
            }
            guard file.checksum == checksum else {
                throw .migration("migration \(file.name) has changed since it was applied (recorded checksum \(checksum.prefix(12))…, file \(file.checksum.prefix(12))…); add a new migration instead of editing an applied one")
            }
            applied.insert(version)
        }
        return migrations.filter { !applied.contains($0.version) }
    }
}
