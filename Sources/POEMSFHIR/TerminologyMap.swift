import Foundation

/// The terminology map: (code system, code) → ``TerminologyRow``. The seed
/// rows ship in the binary (Terminology/terminology.json, read at build
/// time); an operator's imported rows are added over them and win for the
/// same (system, code).
public struct TerminologyMap: Sendable {
    public let rows: [TerminologyRow]
    private let index: [Key: Int]

    private struct Key: Hashable {
        let system: String
        let code: String
    }

    /// The document of the seed file and of `poemsd terminology import`:
    /// `{"description": "...", "rows": [...]}`.
    public struct Document: Codable, Sendable {
        public var description: String?
        public var rows: [TerminologyRow]

        private enum CodingKeys: String, CodingKey, CaseIterable { case description, rows }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "a terminology document")
            let container = try decoder.container(keyedBy: CodingKeys.self)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            rows = try container.decode([TerminologyRow].self, forKey: .rows)
        }
    }

    /// Errors reading a terminology document.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        /// The same (system, code) twice, at these row indices.
        case duplicate(system: String, code: String, first: Int, second: Int)

        public var description: String {
            switch self {
            case let .duplicate(system, code, first, second):
                "rows \(first) and \(second) both map \(system)|\(code); keep one."
            }
        }
    }

    /// A map of `rows`; later rows win for the same (system, code).
    public init(rows: [TerminologyRow]) {
        var index: [Key: Int] = [:]
        var kept: [TerminologyRow] = []
        for row in rows {
            let key = Key(system: row.system, code: row.code)
            if let existing = index[key] {
                kept[existing] = row
            } else {
                index[key] = kept.count
                kept.append(row)
            }
        }
        self.rows = kept
        self.index = index
    }

    /// Reads a terminology document, refusing a (system, code) given twice.
    public static func rows(fromDocument data: Data) throws -> [TerminologyRow] {
        let rows = try JSONDecoder().decode(Document.self, from: data).rows
        var seen: [Key: Int] = [:]
        for (position, row) in rows.enumerated() {
            let key = Key(system: row.system, code: row.code)
            if let first = seen[key] { throw LoadError.duplicate(system: row.system, code: row.code, first: first, second: position) }
            seen[key] = position
        }
        return rows
    }

    /// The seed rows shipped with poemsd (only codes REFERENCES.md lists).
    public static let seedRows: [TerminologyRow] = {
        // The file is part of the build; a broken file fails the seed test.
        (try? rows(fromDocument: Data(PackageResources.terminology_json))) ?? []
    }()

    /// The seed map, with `imported` rows over it.
    public static func seeded(with imported: [TerminologyRow] = []) -> TerminologyMap {
        TerminologyMap(rows: seedRows + imported)
    }

    /// The row for a coding, if any.
    public func row(system: String?, code: String?) -> TerminologyRow? {
        guard let system, let code else { return nil }
        return index[Key(system: system, code: code)].map { rows[$0] }
    }
}
