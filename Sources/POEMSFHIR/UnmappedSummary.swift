/// The `unmapped` entries of a Bundle summarised for an answer: a patient's
/// `$everything` or a Synthea export holds thousands of resources poemsd
/// does not read (Encounters, Claims, vital signs…), and listing each would
/// make the answer larger than the evaluation many times over.
///
/// JSON (`unmappedSummary`): `{"total": 8976, "listed": 20,
/// "byResourceType": {"Claim": 816, "Encounter": 816, "Observation": 4080, …}}`.
public struct UnmappedSummary: Encodable, Sendable, Equatable {
    /// Examples listed by default.
    public static let defaultExamples = 20

    /// Every entry, listed or not.
    public let total: Int
    /// The entries listed in `unmapped`.
    public let listed: Int
    /// How many entries are about resources of each type; an entry that
    /// holds no resource is counted in `total` only.
    public let byResourceType: [String: Int]

    public init(_ unmapped: [Unmapped], listed: Int) {
        total = unmapped.count
        self.listed = listed
        byResourceType = unmapped.reduce(into: [:]) { counts, entry in
            if let type = entry.resourceType { counts[type, default: 0] += 1 }
        }
    }

    /// At most `limit` entries of `unmapped`, in its order, chosen to show
    /// what matters first: each result present but not interpretable (it
    /// has a `target`: a value the evaluation lacks), then the first entry
    /// of each resource type, then the rest in order.
    public static func examples(_ unmapped: [Unmapped], limit: Int = defaultExamples) -> [Unmapped] {
        guard unmapped.count > limit else { return unmapped }
        var chosen = Set<Int>()
        var types = Set<String>()
        let interpretable = unmapped.indices.filter { unmapped[$0].target != nil }
        let firstOfType = unmapped.indices.filter { types.insert(unmapped[$0].resourceType ?? "").inserted }
        for index in interpretable + firstOfType + Array(unmapped.indices) where chosen.count < limit {
            chosen.insert(index)
        }
        return chosen.sorted().map { unmapped[$0] }
    }
}
