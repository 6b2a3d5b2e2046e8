/// A storage failure as logged: the engine's result code and its generic
/// explanation, never statements or values.
public struct StorageFailure: Sendable, Equatable, CustomStringConvertible {
    /// The engine that failed ("SQLite", "PostgreSQL").
    public var engine: String
    /// The engine's own code (SQLite's extended result code, PostgreSQL's
    /// SQLSTATE), when it gave one.
    public var code: String?
    public var summary: String

    public var description: String { summary }

    public init(engine: String, code: String?, summary: String) {
        self.engine = engine
        self.code = code
        self.summary = summary
    }
}
