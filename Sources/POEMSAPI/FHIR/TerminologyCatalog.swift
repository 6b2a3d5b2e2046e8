import Foundation
import POEMSFHIR
import POEMSStorage
import Synchronization

/// The terminology map in use: the seed rows built into the binary, with
/// the rows an operator imported (`terminology_rows`) over them.
///
/// The map is built once and kept, with the store's generation (a counter
/// every import moves in its transaction, `TerminologyStore.generation`):
/// at most every `checkInterval` a request reads that one row, and only
/// when it moved are the rows read and the map built again. So a FHIR
/// request costs no read of the rows while nothing changed, and
/// `poemsd terminology import`, by any process or instance, takes effect on
/// a running server within `checkInterval` (half a second), without a
/// restart, as the key cache does for revocations.
public struct TerminologyCatalog: Sendable {
    let store: any TerminologyStore
    private let cache: Cache

    /// How often the generation is read again.
    static let checkInterval: Duration = .milliseconds(500)

    init(store: any TerminologyStore) {
        self.store = store
        cache = Cache()
    }

    /// The map built under a generation, and when that generation was read.
    private final class Cache: Sendable {
        struct State {
            var generation: Int64?
            var checkedAt: ContinuousClock.Instant?
            var map: TerminologyMap?
        }
        let state = Mutex(State())
    }

    /// The map for one request: the cached one while the generation it was
    /// built under is current.
    func map() throws -> TerminologyMap {
        let now = ContinuousClock.now
        let cached = cache.state.withLock { state -> TerminologyMap? in
            guard let map = state.map, let checkedAt = state.checkedAt, now - checkedAt < Self.checkInterval else { return nil }
            return map
        }
        if let cached { return cached }
        let generation = try store.generation()
        if let current = cache.state.withLock({ state -> TerminologyMap? in
            guard state.generation == generation, let map = state.map else { return nil }
            state.checkedAt = now
            return map
        }) { return current }
        // Read after the generation: an import in between leaves the map
        // newer than the generation recorded, which only costs one rebuild.
        let map = TerminologyMap.seeded(with: try store.list().compactMap(Self.row))
        cache.state.withLock { state in
            state.generation = generation
            state.checkedAt = now
            state.map = map
        }
        return map
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
