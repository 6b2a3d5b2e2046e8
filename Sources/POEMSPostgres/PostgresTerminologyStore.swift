import PostgresNIO
import POEMSStorage

/// Imported terminology rows in `terminology_rows` (migration
/// postgres/0004), shared by every instance: an import is one transaction.
public struct PostgresTerminologyStore: TerminologyStore {
    let database: PostgresDatabase

    @discardableResult
    public func importRows(_ records: [TerminologyRecord]) throws -> Int {
        let json = JSONRows.encode(records.map { record in
            ["system": .text(record.system), "code": .text(record.code), "display": .optional(record.display), "kind": .text(record.kind),
             "target": .text(record.target), "source": .text(record.source), "evidence": .text(record.evidence)]
        })
        // One statement (a data-modifying CTE): the rows and the generation
        // commit together, and a retry after a lost answer repeats an upsert.
        return try database.read { [database] connection in
            try await connection.query("""
                WITH imported AS (
                INSERT INTO terminology_rows (system, code, display, kind, target, source, evidence, imported_at)
                SELECT t.system, t.code, t.display, t.kind, t.target, t.source, t.evidence, poemsd_now()
                FROM jsonb_to_recordset(\(json)::jsonb) AS t(system text, code text, display text, kind text, target text, source text, evidence text)
                ON CONFLICT (system, code) DO UPDATE SET display = excluded.display, kind = excluded.kind, target = excluded.target,
                    source = excluded.source, evidence = excluded.evidence, imported_at = excluded.imported_at
                RETURNING 1)
                \(unescaped: TerminologyGeneration.advance)
                """, logger: database.logger)
            return records.count
        }
    }

    public func generation() throws -> Int64 {
        try database.read { [database] connection in
            let value = try await connection.query("\(unescaped: TerminologyGeneration.read)", logger: database.logger).collect().first?.decode(String.self)
            return Int64(value ?? "0") ?? 0
        }
    }

    public func list() throws -> [TerminologyRecord] {
        try database.read { [database] connection in
            try await connection.query("""
                SELECT system, code, display, kind, target, source, evidence, imported_at FROM terminology_rows ORDER BY system, code
                """, logger: database.logger).collect().map { row in
                let c = try row.decode((String, String, String?, String, String, String, String, String).self)
                return TerminologyRecord(system: c.0, code: c.1, display: c.2, kind: c.3, target: c.4, source: c.5, evidence: c.6, importedAt: c.7)
            }
        }
    }
}
