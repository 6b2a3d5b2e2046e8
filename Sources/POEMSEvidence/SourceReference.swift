/// Where a table or statement comes from among the project's seed documents
/// (`../shared/seeds/README.md` beside the repository).
public struct SourceReference: Sendable, Codable, Equatable, Hashable {
    /// Seed id: `"004"` (Dispenzieri, Mayo Clinic review — the primary source)
    /// or `"003"` (Cleveland Clinic consult article).
    public let seed: String
    /// Section or table of that document, e.g. `"Treatment"`, `"Table 3"`.
    public let section: String

    public init(seed: String, section: String) {
        self.seed = seed
        self.section = section
    }
}
