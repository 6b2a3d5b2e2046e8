/// One clause of a criteria set's rule: at least `minimum` of `criteria` must
/// be met.
///
/// Every rule the engine knows is a conjunction of such clauses, which is how
/// the sources state them:
///
/// - `dispenzieri-2003`: 2 of the 2 major criteria and at least 1 of the 7
///   minor criteria (seed 004, Table 1, footnote *).
/// - `imwg-2014`: 2 of the 2 mandatory major criteria, at least 1 of the 3
///   other major criteria, at least 1 of the 6 minor criteria (REFERENCES.md,
///   updated criteria).
/// - `suichi-2019`: 3 of the 3 major criteria and at least 2 of the 4 minor
///   criteria (REFERENCES.md, Suichi 2019).
public struct Requirement: Codable, Sendable, Equatable {
    /// The role of the criteria in this clause.
    public var role: CriterionRole
    /// How many of `criteria` must be met.
    public var minimum: Int
    /// The ids of the criteria of this clause.
    public var criteria: [String]

    public init(role: CriterionRole, minimum: Int, criteria: [String]) {
        self.role = role
        self.minimum = minimum
        self.criteria = criteria
    }
}

/// Three-valued (Kleene) logic over criterion statuses.
///
/// `unknown` stands for "could be either". A clause or rule is `met` when it
/// holds whatever the unknown criteria turn out to be, `notMet` when it fails
/// whatever they turn out to be, and `unknown` otherwise. Because every rule
/// is monotone (a criterion turning out present never makes it fail), this is
/// exact.
enum Rule {
    /// At least `minimum` of `statuses`: met count ≥ minimum → met;
    /// met + unknown count < minimum → not met; otherwise unknown.
    static func atLeast(_ minimum: Int, of statuses: [CriterionStatus]) -> CriterionStatus {
        let met = statuses.filter { $0 == .met }.count
        let unknown = statuses.filter { $0 == .unknown }.count
        if met >= minimum { return .met }
        if met + unknown < minimum { return .notMet }
        return .unknown
    }

    /// Kleene conjunction: any not met → not met; all met → met; else unknown.
    static func all(_ statuses: [CriterionStatus]) -> CriterionStatus {
        if statuses.contains(.notMet) { return .notMet }
        if statuses.allSatisfy({ $0 == .met }) { return .met }
        return .unknown
    }

    /// The status of a rule given the status of each criterion. A criterion
    /// missing from `statuses` counts as unknown.
    static func evaluate(_ requirements: [Requirement], statuses: [String: CriterionStatus]) -> CriterionStatus {
        all(requirements.map { requirement in
            atLeast(requirement.minimum, of: requirement.criteria.map { statuses[$0] ?? .unknown })
        })
    }

    /// The verdict of a rule given the status of each criterion.
    static func verdict(_ requirements: [Requirement], statuses: [String: CriterionStatus]) -> Verdict {
        switch evaluate(requirements, statuses: statuses) {
        case .met: .meets
        case .notMet: .doesNotMeet
        case .unknown: .indeterminate
        }
    }

    /// The unknown criteria whose answer could change the verdict, in
    /// `order`.
    ///
    /// Criterion `c` is listed if and only if there is an assignment of the
    /// other unknown criteria (each met or not met) under which the rule with
    /// `c` met differs from the rule with `c` not met. Every rule is a
    /// conjunction of "at least k of" clauses over disjoint criteria
    /// (``CriteriaCatalog`` is tested for it), so this is decided per clause
    /// in linear time, whatever the number of unknowns: when the rule as a
    /// whole is undecided, every clause can still be met, so `c` changes the
    /// verdict exactly when its own clause is undecided (fewer than k met, k
    /// or more met-or-unknown: the other unknowns can be set so that `c` is
    /// the k-th). Empty when the verdict is not indeterminate.
    static func undetermined(
        _ requirements: [Requirement],
        statuses: [String: CriterionStatus],
        order: [String]) -> [String]
    {
        guard evaluate(requirements, statuses: statuses) == .unknown else { return [] }
        var open: Set<String> = []
        for requirement in requirements {
            let clause = requirement.criteria.map { statuses[$0] ?? .unknown }
            guard atLeast(requirement.minimum, of: clause) == .unknown else { continue }
            open.formUnion(requirement.criteria.filter { (statuses[$0] ?? .unknown) == .unknown })
        }
        return order.filter(open.contains)
    }
}
