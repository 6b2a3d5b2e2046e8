import Testing
@testable import POEMSCriteria

/// `Rule.undetermined` decides per clause in linear time; here it is checked
/// against its definition (an exhaustive search over the other unknowns) on
/// many status vectors of every criteria set.
@Suite struct UndeterminedEnumerationTests {
    /// The closed form holds only if no criterion is in two clauses of a rule.
    @Test func everyRuleHasDisjointClauses() {
        for definition in CriteriaCatalog.all {
            let ids = definition.requirements.flatMap(\.criteria)
            #expect(Set(ids).count == ids.count, "\(definition.id)")
        }
    }

    @Test func matchesTheExhaustiveDefinition() {
        var random = XorShift(state: 0x504F_454D_53)
        let statuses: [CriterionStatus] = [.met, .notMet, .unknown]
        for definition in CriteriaCatalog.all {
            let order = definition.criteria.map(\.id)
            for _ in 0..<2000 {
                var assignment: [String: CriterionStatus] = [:]
                for id in order { assignment[id] = statuses.randomElement(using: &random)! }
                let fast = Rule.undetermined(definition.requirements, statuses: assignment, order: order)
                #expect(fast == Self.exhaustive(definition.requirements, assignment, order), "\(definition.id) \(assignment)")
            }
        }
    }

    /// The definition: `c` is listed if some assignment of the other unknowns
    /// makes the rule's outcome depend on `c`.
    static func exhaustive(_ requirements: [Requirement], _ statuses: [String: CriterionStatus], _ order: [String]) -> [String] {
        guard Rule.evaluate(requirements, statuses: statuses) == .unknown else { return [] }
        let unknowns = order.filter { statuses[$0] == .unknown }
        return unknowns.filter { candidate in
            let others = unknowns.filter { $0 != candidate }
            return (0..<(1 << others.count)).contains { mask in
                var assignment = statuses
                for (index, other) in others.enumerated() { assignment[other] = (mask >> index) & 1 == 1 ? .met : .notMet }
                assignment[candidate] = .met
                let whenMet = Rule.evaluate(requirements, statuses: assignment)
                assignment[candidate] = .notMet
                return whenMet != Rule.evaluate(requirements, statuses: assignment)
            }
        }
    }
}

/// A fixed-seed generator, so that a failure replays.
struct XorShift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
