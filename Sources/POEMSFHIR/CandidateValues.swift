import Foundation

/// The values the Bundle's resources propose for each target of the input,
/// and how they are settled: agreement sets the value; disagreement is won
/// by the most recent resource: Observations alone are serial results of one
/// test, a trend (`serial-results`, info); resources of different kinds (a
/// Condition and an Observation) conflict (`conflicting-resources`). Two
/// results at the same time that disagree conflict and leave the value
/// unassessed (`conflicting-resources`); disagreement whose order cannot be
/// told (a resource without a date) leaves it unassessed (`unresolved-conflict`).
struct CandidateValues {
    /// One resource's proposal.
    struct Candidate {
        let value: JSONValue
        /// A laboratory upper limit reported with the value (VEGF only).
        var upperLimit: Double?
        let detail: SourceDetail
        let date: FHIRDate?
        /// The resource's type (`Observation`), when known.
        var resourceType: String? = nil
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
                guard dated.count == candidates.count, let winner = atLatest.first?.0 else {
                    warnings.append(InputWarning(
                        code: .unresolvedConflict, target: target, resources: candidates.map(\.detail.resource),
                        message: "\(describe(candidates)) disagree on \(target), and which is more recent cannot be told (a date is missing); \(target) is left unassessed."))
                    continue
                }
                guard Set(atLatest.map { "\($0.0.value)" }).count == 1 else {
                    warnings.append(InputWarning(
                        code: .conflictingResources, target: target, resources: atLatest.map(\.0.detail.resource),
                        message: "\(describe(atLatest.map(\.0))) disagree on \(target) at the same time; \(target) is left unassessed."))
                    continue
                }
                chosen = candidates.filter { $0.value == winner.value }
                let others = candidates.filter { $0.value != winner.value }
                if candidates.allSatisfy({ $0.resourceType == "Observation" }) {
                    let trend = dated.sorted { $0.1 < $1.1 }.map { "\($0.0.detail.resource) (\($0.1.text)): \(Self.word($0.0))" }
                    warnings.append(InputWarning(
                        code: .serialResults, target: target, resources: [winner.detail.resource] + candidates.map(\.detail.resource).filter { $0 != winner.detail.resource },
                        message: "Serial results of one test: \(InputWarning.trend(trend)); the latest, \(winner.detail.resource), decides."))
                    chosen = [winner]
                } else {
                    warnings.append(InputWarning(
                        code: .conflictingResources, target: target,
                        resources: chosen.map(\.detail.resource) + others.map(\.detail.resource),
                        message: "\(describe(chosen)) and \(describe(others)) disagree on \(target); the most recent, \(winner.detail.resource), is used."))
                }
            }
            let newest = chosen.max { ($0.date?.start ?? .distantPast) < ($1.date?.start ?? .distantPast) } ?? chosen[0]
            values[target] = Settled(
                value: newest.value, upperLimit: newest.upperLimit,
                provenance: Provenance(target: target, resources: chosen.map(\.detail.resource), details: chosen.map(\.detail)))
        }
        return (values, warnings)
    }

    /// A value as reported (`135 g/L → 13.5 g/dL`), or present/absent.
    private static func word(_ candidate: Candidate) -> String {
        if let reported = candidate.detail.reported { return reported }
        switch candidate.value {
        case .bool(true): return "present"
        case .bool(false): return "absent"
        default: return "a value"
        }
    }

    private func describe(_ candidates: [Candidate]) -> String {
        candidates.map { "\($0.detail.resource) (\($0.date?.text ?? "no date"))" }.joined(separator: ", ")
    }
}
