import GRDB
import POEMSStorage

/// Imported terminology rows in `terminology_rows` (migration 0007). An
/// import is one transaction on the writer connection (an operator's
/// command) that also moves the generation; `list` runs when a server's
/// cached map is older than the generation (`TerminologyCatalog`).
public struct SQLiteTerminologyStore: TerminologyStore {
    let slot: PoolSlot
    var pool: DatabasePool { slot.pool }

    @discardableResult
    public func importRows(_ records: [TerminologyRecord]) throws -> Int {
        try DatabaseError.converted {
            try pool.write { db in
                let statement = try db.makeStatement(sql: """
                    INSERT INTO terminology_rows (system, code, display, kind, target, source, evidence, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                    ON CONFLICT (system, code) DO UPDATE SET display = excluded.display, kind = excluded.kind,
                        target = excluded.target, source = excluded.source, evidence = excluded.evidence, imported_at = excluded.imported_at
                    """)
                for record in records {
                    try statement.execute(arguments: [record.system, record.code, record.display, record.kind, record.target,
                                                      record.source, record.evidence])
                }
                try db.execute(sql: TerminologyGeneration.advance)
                return records.count
            }
        }
    }

    public func generation() throws -> Int64 {
        try DatabaseError.converted {
            try pool.read { db in
                Int64(try String.fetchOne(db.cachedStatement(sql: TerminologyGeneration.read)) ?? "0") ?? 0
            }
        }
    }

    public func list() throws -> [TerminologyRecord] {
        try DatabaseError.converted {
            try pool.read { db in
                try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT system, code, display, kind, target, source, evidence, imported_at FROM terminology_rows ORDER BY system, code
                    """)).map { row in
                    TerminologyRecord(system: row[0], code: row[1], display: row[2], kind: row[3], target: row[4], source: row[5],
                                      evidence: row[6], importedAt: row[7])
                }
            }
        }
    }
}
