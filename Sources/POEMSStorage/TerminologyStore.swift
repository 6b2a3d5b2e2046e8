/// Terminology rows imported by an operator. What handlers and
/// `poemsd terminology import` depend on; `SQLiteTerminologyStore` is the
/// embedded engine. The store keeps rows as text; what they mean is
/// validated before they get here (POEMSFHIR's `TerminologyRow`).
///
/// ```swift
/// try storage.terminology.importRows(rows)   // upserts by (system, code), all or none
/// try storage.terminology.list()             // every imported row, by system and code
/// ```
public protocol TerminologyStore: Sendable {
    /// Inserts or replaces `records` by (system, code), all or none, and
    /// returns how many rows were written.
    @discardableResult
    func importRows(_ records: [TerminologyRecord]) throws -> Int
    /// Every imported row, ordered by system and code.
    func list() throws -> [TerminologyRecord]
    /// A counter that every import moves in its own transaction (the
    /// `terminology_generation` row of `service_metadata`; 0 before the
    /// first): one indexed row, so that a server can tell whether its
    /// cached map is current without reading the rows.
    func generation() throws -> Int64
}

/// The statement an import runs in its transaction to move the generation
/// (both engines accept it).
public enum TerminologyGeneration {
    public static let advance = """
        INSERT INTO service_metadata (key, value) VALUES ('terminology_generation', '1')
        ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(service_metadata.value AS BIGINT) + 1 AS TEXT)
        """
    public static let read = "SELECT value FROM service_metadata WHERE key = 'terminology_generation'"
}

/// One stored terminology row.
public struct TerminologyRecord: Sendable, Equatable {
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
