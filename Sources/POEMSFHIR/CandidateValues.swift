import Foundation

/// The values the Bundle's resources propose for each target of the input,
/// and how they are settled: agreement sets the value; disagreement is won
/// by the most recent resource, with a warning naming both; disagreement
/// whose order cannot be told (a resource without a date, or the same date)
/// leaves the value unassessed, with a warning.
struct CandidateValues {
    /// One resource's proposal.
    struct Candidate {
        let value: JSONValue
        /// A laboratory upper limit reported with the value (VEGF only).
        var upperLimit: Double?
        let detail: SourceDetail
        let date: FHIRDate?
    }

    private(set) var byTarget: [String: [Candidate]] = [:]

    mutating func propose(_ target: String, _ candidate: Candidate) {
        byTarget[target, default: []].append(candidate)
    }

    mutating func remove(_ target: String) -> [Candidate] {
        byTarget.removeValue(forKey: target) ?? []
    }

    /// A settled value with the resources behind it.
    struct Settled {
        let value: JSONValue
        let upperLimit: Double?
        let provenance: Provenance
    }

    /// Settles every target; returns the values and the warnings.
    func settle() -> (values: [String: Settled], warnings: [InputWarning]) {
        var values: [String: Settled] = [:]
        var warnings: [InputWarning] = []
        for (target, candidates) in byTarget.sorted(by: { $0.key < $1.key }) {
            let distinct = candidates.reduce(into: [JSONValue]()) { if !$0.contains($1.value) { $0.append($1.value) } }
            var chosen = candidates
            if distinct.count > 1 {
                let dated = candidates.compactMap { candidate in candidate.date.map { (candidate, $0) } }
                let latest = dated.map(\.1).max()
                let atLatest = dated.filter { $0.1 == latest }
                guard dated.count == candidates.count, let winner = atLatest.first?.0,
                      Set(atLatest.map { "\($0.0.value)" }).count == 1 else {
                    warnings.append(InputWarning(
                        code: .unresolvedConflict, target: target, resources: candidates.map(\.detail.resource),
                        message: "\(describe(candidates)) disagree on \(target), and which is more recent cannot be told (a date is missing or equal); \(target) is left unassessed."))
                    continue
                }
                chosen = candidates.filter { $0.value == winner.value }
                let others = candidates.filter { $0.value != winner.value }
                warnings.append(InputWarning(
                    code: .conflictingResources, target: target,
                    resources: chosen.map(\.detail.resource) + others.map(\.detail.resource),
                    message: "\(describe(chosen)) and \(describe(others)) disagree on \(target); the most recent, \(winner.detail.resource), is used."))
            }
            let newest = chosen.max { ($0.date?.start ?? .distantPast) < ($1.date?.start ?? .distantPast) } ?? chosen[0]
            values[target] = Settled(
                value: newest.value, upperLimit: newest.upperLimit,
                provenance: Provenance(target: target, resources: chosen.map(\.detail.resource), details: chosen.map(\.detail)))
        }
        return (values, warnings)
    }

    private func describe(_ candidates: [Candidate]) -> String {
        candidates.map { "\($0.detail.resource) (\($0.date?.text ?? "no date"))" }.joined(separator: ", ")
    }
}
