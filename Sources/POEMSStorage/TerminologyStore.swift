/// Terminology rows imported by an operator, in `terminology_rows`
/// (migration 0005). The store keeps them as text; what they mean is
/// validated before they get here (POEMSFHIR's `TerminologyRow`).
///
/// ```swift
/// let store = TerminologyStore(database: queue)
/// try store.importRows(rows)   // upserts by (system, code), in one transaction
/// try store.list()             // every imported row, by system and code
/// ```
public struct TerminologyStore: Sendable {
    /// One stored row.
    public struct Record: Sendable, Equatable {
        public var system: String
        public var code: String
        public var display: String?
        public var kind: String
        public var target: String
        public var source: String
        public var evidence: String
        /// When it was imported (set by the store on import).
        public var importedAt: String

        public init(system: String, code: String, display: String?, kind: String, target: String, source: String, evidence: String, importedAt: String = "") {
            self.system = system
            self.code = code
            self.display = display
            self.kind = kind
            self.target = target
            self.source = source
            self.evidence = evidence
            self.importedAt = importedAt
        }
    }

    private let database: DatabaseQueue
    private let readers: ReaderPool?

    /// Rows in `database`; `readersPath`, the same file, lets `list` use
    /// pooled connections (it runs on every FHIR request).
    public init(database: DatabaseQueue, readersPath: String? = nil) {
        self.database = database
        self.readers = readersPath.map(ReaderPool.init(path:))
    }

    /// Inserts or replaces `records` by (system, code), all or none.
    /// Returns how many rows were written.
    @discardableResult
    public func importRows(_ records: [Record]) throws -> Int {
        try database.access { db in
            try db.transaction {
                let statement = try db.prepare("""
                    INSERT INTO terminology_rows (system, code, display, kind, target, source, evidence, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                    ON CONFLICT (system, code) DO UPDATE SET display = excluded.display, kind = excluded.kind,
                        target = excluded.target, source = excluded.source, evidence = excluded.evidence, imported_at = excluded.imported_at
                    """)
                for record in records {
                    try statement.reset([.text(record.system), .text(record.code), record.display.map { .text($0) } ?? .null,
                                         .text(record.kind), .text(record.target), .text(record.source), .text(record.evidence)])
                    _ = try statement.step()
                }
                return records.count
            }
        }
    }

    /// Every imported row, ordered by system and code.
    public func list() throws -> [Record] {
        let body = { (db: Database) throws -> [Record] in
            let statement = try db.prepare(
                "SELECT system, code, display, kind, target, source, evidence, imported_at FROM terminology_rows ORDER BY system, code")
            var records: [Record] = []
            while try statement.step() {
                records.append(Record(system: statement.text(0) ?? "", code: statement.text(1) ?? "", display: statement.text(2),
                                      kind: statement.text(3) ?? "", target: statement.text(4) ?? "", source: statement.text(5) ?? "",
                                      evidence: statement.text(6) ?? "", importedAt: statement.text(7) ?? ""))
            }
            return records
        }
        if let readers { return try readers.read(body) }
        return try database.access(body)
    }
}
