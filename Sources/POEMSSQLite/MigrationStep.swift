import Foundation
import GRDB
import POEMSStorage

/// Work of a migration that SQL cannot do (hashing), in Swift, run where
/// the migration's file says so: a line `-- poemsd:step NAME` splits the
/// file, the SQL before it runs, then the step, then the SQL after it, all
/// in the migration's one transaction. The marker is part of the file, so
/// the checksum rule covers where the step runs; what the step does is
/// this binary's (a step never changes once its migration has shipped).
///
/// Steps are what the SQLite engine runs: another engine implements a
/// migration's step in its own terms (for PostgreSQL, `sha256()` in SQL or
/// the same `AuditChain` function).
struct MigrationStep: Sendable {
    let name: String
    let run: @Sendable (Database) throws -> Void

    /// The steps migrations may name.
    static let all: [MigrationStep] = [auditChain]

    static let marker = "-- poemsd:step "

    /// `sql` split at its step markers: the SQL segments, and the step after
    /// each segment but the last. An unknown step name is an error before
    /// anything runs.
    static func split(_ sql: String, of migration: String) throws -> (segments: [String], steps: [MigrationStep]) {
        var segments = [""]
        var steps: [MigrationStep] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                let name = line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
                guard let step = all.first(where: { $0.name == name }) else {
                    throw DatabaseError.migration("migration \(migration) names the step '\(name)', which this binary does not have")
                }
                steps.append(step)
                segments.append("")
            } else {
                segments[segments.count - 1] += line + "\n"
            }
        }
        return (segments, steps)
    }

    /// Migration 0011: chains the events written before it, in id order
    /// (`AuditChain`), a thousand at a time.
    static let auditChain = MigrationStep(name: "audit-chain") { db in
        var previous = AuditChain.genesis
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT \(SQLiteAuditLog.columns) FROM audit_events WHERE id > ? ORDER BY id LIMIT 1000",
                                        arguments: [after])
            guard !rows.isEmpty else { return }
            for row in rows {
                let event = SQLiteAuditLog.event(row)
                let hash = AuditChain.hash(event, previous: previous)
                try db.execute(sql: "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", arguments: [previous, hash, event.id])
                previous = hash
                after = event.id
            }
        }
    }
}
