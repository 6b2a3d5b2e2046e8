import POEMSStorage
import Synchronization

/// The counts behind `GET /v1/stats` and `GET /metrics`, computed once and
/// served until something they count may have changed, so that polling
/// them (`/metrics` is open) costs the same however many cases are stored:
///
/// - a case write that commits (the case store's `CommitSignal`: this
///   instance's writes, and on PostgreSQL every instance's, by `NOTIFY`)
///   and CDS Hooks feedback stored through this instance make every
///   result stale at once, so a client reads its own writes;
/// - what changes the counts unseen (a write by another process, a
///   notification lost while the listening connection reconnects) shows
///   within `maximumAge`: the bound on staleness.
///
/// Requests that miss at the same moment compute once: the others wait
/// for that result. Each computation counts one statistics query
/// (`poemsd_statistics_queries_total`).
final class StatisticsCache: Sendable {
    private struct Entry: Sendable {
        let generation: UInt64
        let computedAt: ContinuousClock.Instant
        let statistics: CaseStatistics
        let feedback: CDSFeedbackCounts
    }

    /// Most distinct filters kept; past it the cache starts over.
    static let maximumEntries = 64

    let maximumAge: Duration
    private let cases: any CaseStore
    private let cds: any CDSStore
    private let onQuery: @Sendable () -> Void
    /// Moves on with every change that may alter the counts.
    private let generation = Atomic<UInt64>(0)
    private let entries = Mutex<[String: Entry]>([:])
    /// Held while computing, so that concurrent misses compute once.
    private let computing = Mutex(())

    init(cases: any CaseStore, cds: any CDSStore, maximumAge: Duration, onQuery: @escaping @Sendable () -> Void) {
        self.cases = cases
        self.cds = cds
        self.maximumAge = maximumAge
        self.onQuery = onQuery
        cases.commits.subscribe { [weak self] _ in self?.invalidate() }
    }

    /// Something counted changed: every result is stale.
    func invalidate() {
        generation.add(1, ordering: .acquiringAndReleasing)
    }

    /// `query` as text: equal for equal filters.
    static func key(_ query: CaseStatisticsQuery) -> String {
        [query.criteriaSets?.joined(separator: ","), query.since, query.until].map { $0 ?? "-" }.joined(separator: "\u{1f}")
    }

    /// The case statistics for `query` and the feedback counts, from the
    /// cache when current.
    func statistics(_ query: CaseStatisticsQuery = CaseStatisticsQuery()) throws -> (CaseStatistics, CDSFeedbackCounts) {
        let key = Self.key(query)
        if let entry = current(key) { return (entry.statistics, entry.feedback) }
        return try computing.withLock { _ in
            if let entry = current(key) { return (entry.statistics, entry.feedback) }
            let generation = generation.load(ordering: .acquiring)
            onQuery()
            let entry = Entry(generation: generation, computedAt: .now, statistics: try cases.statistics(query), feedback: try cds.feedbackCounts())
            entries.withLock { entries in
                if entries.count >= Self.maximumEntries { entries.removeAll() }
                entries[key] = entry
            }
            return (entry.statistics, entry.feedback)
        }
    }

    /// The entry for `key` if nothing changed since it was computed, and it is young enough.
    private func current(_ key: String) -> Entry? {
        let generation = generation.load(ordering: .acquiring)
        guard let entry = entries.withLock({ $0[key] }), entry.generation == generation,
              ContinuousClock.now - entry.computedAt < maximumAge else { return nil }
        return entry
    }
}
