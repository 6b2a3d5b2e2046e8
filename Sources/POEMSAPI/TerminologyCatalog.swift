import Foundation
import POEMSFHIR
import POEMSStorage

/// The terminology map in use: the seed rows built into the binary, with
/// the rows an operator imported (SQLite, `terminology_rows`) over them.
/// Imported rows are read on each use, so `poemsd terminology import` takes
/// effect on a running server without a restart.
public struct TerminologyCatalog: Sendable {
    let store: any TerminologyStore

    /// The map for one request.
    func map() throws -> TerminologyMap {
        TerminologyMap.seeded(with: try store.list().compactMap(Self.row))
    }

    /// A row of `GET /v1/terminology`: the row, where it comes from, and
    /// for an imported row, when.
    struct Listed: Encodable {
        let row: TerminologyRow
        let origin: String
        let importedAt: String?
        let overridesSeed: Bool

        private enum CodingKeys: String, CodingKey { case origin, importedAt, overridesSeed }

        func encode(to encoder: any Encoder) throws {
            try row.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(origin, forKey: .origin)
            try container.encodeIfPresent(importedAt, forKey: .importedAt)
            try container.encode(overridesSeed, forKey: .overridesSeed)
        }
    }

    /// The rows in effect: seed rows not overridden, then imported rows.
    func listing() throws -> [Listed] {
        let imported = try store.list()
        let importedKeys = Set(imported.map { "\($0.system)|\($0.code)" })
        let seeds = TerminologyMap.seedRows
        let seedKeys = Set(seeds.map { "\($0.system)|\($0.code)" })
        return seeds.filter { !importedKeys.contains("\($0.system)|\($0.code)") }
            .map { Listed(row: $0, origin: "seed", importedAt: nil, overridesSeed: false) }
            + imported.compactMap { record in
                Self.row(record).map { Listed(row: $0, origin: "imported", importedAt: record.importedAt,
                                              overridesSeed: seedKeys.contains("\(record.system)|\(record.code)")) }
            }
    }

    /// Validates a terminology document (strict, as the seed file) and
    /// stores its rows; returns how many. Throws with the row's path when a
    /// row is invalid; nothing is stored then. `poemsd terminology import`.
    public static func importDocument(_ data: Data, into store: any TerminologyStore) throws -> Int {
        let rows = try TerminologyMap.rows(fromDocument: data)
        return try store.importRows(rows.map {
            TerminologyRecord(system: $0.system, code: $0.code, display: $0.display, kind: $0.kind.rawValue,
                              target: $0.target, source: $0.source, evidence: $0.evidence.rawValue)
        })
    }

    /// A stored row, re-validated against this engine (a row an older or
    /// newer version accepted may mean nothing here: it is skipped).
    static func row(_ record: TerminologyRecord) -> TerminologyRow? {
        guard let kind = TerminologyRow.Kind(rawValue: record.kind), let evidence = TerminologyRow.Evidence(rawValue: record.evidence),
              TerminologyRow.isValidTarget(kind: kind, target: record.target) else { return nil }
        return TerminologyRow(system: record.system, code: record.code, display: record.display, kind: kind,
                              target: record.target, source: record.source, evidence: evidence)
    }
}
