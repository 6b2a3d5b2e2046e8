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
