/// Computes the status and basis of findings and criteria for one case.
struct FindingResolver: Sendable {
    let findings: Findings
    let labs: LabDerivations

    /// The parts of endocrinopathy that meet the criterion on their own
    /// (seed 004, Table 1, footnote ‡: thyroid and pancreatic alone do not).
    static let qualifyingEndocrineParts = ["adrenal", "pituitary", "gonadal", "parathyroid"]
    /// The parts that alone do not meet endocrinopathy (seed 004, Table 1,
    /// footnote ‡; REFERENCES.md, updated criteria).
    static let insufficientEndocrineParts = ["thyroid", "pancreatic"]

    /// A simple finding, from the request or derived from labs.
    func finding(_ id: FindingID) -> (status: CriterionStatus, basis: String) {
        if id == .monoclonalPlasmaCellDisorder, let absent = mProteinReportedAbsent { return absent }
        let given = id.given(in: findings)
        var basis: String
        let status = CriterionStatus(given)
        switch given {
        case true?: basis = "Reported present."
        case false?: basis = "Reported absent."
        case nil: basis = "Not assessed."
        }
        if let lab = labs.results[id] {
            if given == nil {
                switch lab.status {
                case .met, .notMet:
                    let word = lab.status == .met ? "present" : "absent"
                    return (lab.status, "Not given; derived as \(word) from labs: \(lab.summary.lowercasedFirst).")
                case .unknown:
                    return (.unknown, "Not given, and the labs do not decide it: \(lab.summary.lowercasedFirst).")
                }
            } else if lab.status != .unknown, lab.status != status {
                // Issue 9: a finding that contradicts its own lab value decides nothing; the criterion is unknown.
                return (.unknown, "Unknown: the inputs contradict each other. \(Self.displayName(id)) is reported \(given == true ? "present" : "absent"), but \(lab.summary.lowercasedFirst). Resolve the contradiction (correct the finding or the laboratory value) to decide this criterion.")
            } else if lab.status != .unknown {
                basis += " Consistent with labs: \(lab.summary.lowercasedFirst)."
            }
        }
        if id == .scleroticBoneLesions, let extent = findings.boneLesionExtent {
            basis += " Extent: \(extent.rawValue)."
        }
        if id == .monoclonalPlasmaCellDisorder, let chain = findings.monoclonalLightChain {
            basis += " Light chain: \(chain.rawValue)."
        }
        return (status, basis)
    }

    /// A criterion's status and basis.
    func criterion(_ evaluation: CriterionEvaluation) -> (status: CriterionStatus, basis: String) {
        switch evaluation {
        case .finding(let id):
            return finding(id)
        case let .group(group, counted, uncountedNote):
            return self.group(group, counted: counted, uncountedNote: uncountedNote)
        case .endocrinopathy(let source):
            return endocrinopathy(source: source)
        case .anyOf(let ids):
            let parts = ids.map { (id: $0, result: finding($0)) }
            let statuses = parts.map(\.result.status)
            let status: CriterionStatus =
                statuses.contains(.met) ? .met : (statuses.allSatisfy { $0 == .notMet } ? .notMet : .unknown)
            let details = parts.map { "\(Self.displayName($0.id)): \($0.result.basis)" }.joined(separator: " ")
            let lead: String
            switch status {
            case .met: lead = "Met: " + parts.filter { $0.result.status == .met }.map { Self.displayName($0.id).lowercased() }.joined(separator: " and ") + " present."
            case .notMet: lead = "Not met: neither is reported or derived present."
            case .unknown:
                let undecided = parts.filter { $0.result.status == .unknown }.map { Self.displayName($0.id).lowercased() }
                lead = "Unknown: neither is present so far, and " + undecided.joined(separator: " and ") + (undecided.count > 1 ? " are" : " is") + " not decided."
            }
            return (status, lead + " " + details)
        }
    }

    /// A finding in words, for clinical text (issue 21: no API field names).
    static func displayName(_ id: FindingID) -> String {
        switch id {
        case .thrombocytosis: "Thrombocytosis"
        case .polycythemia: "Polycythemia"
        case .vegfElevated: "VEGF elevation"
        default: id.rawValue
        }
    }

    private static func list(_ parts: [GivenPart]) -> String {
        let names = parts.map { $0.name.lowercased() }
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names.last!
        }
    }

    private func group(_ group: GroupID, counted: [String], uncountedNote: String?) -> (status: CriterionStatus, basis: String) {
        switch group.given(in: findings) {
        case nil:
            return (.unknown, "Not assessed.")
        case .whole(let value)?:
            return (CriterionStatus(value), value ? "Reported present as a whole." : "Reported absent as a whole.")
        case .parts(let parts)?:
            let countedParts = parts.filter { counted.contains($0.id) }
            let present = countedParts.filter { $0.value == true }
            let absent = countedParts.filter { $0.value == false }
            let unknown = countedParts.filter { $0.value == nil }
            let uncountedPresent = parts.filter { !counted.contains($0.id) && $0.value == true }
            var note = ""
            if !uncountedPresent.isEmpty {
                note = " \(Self.list(uncountedPresent).capitalizedFirst) reported present but not counted here: \(uncountedNote ?? "this criteria set does not list it.")"
            }
            if !present.isEmpty {
                return (.met, "Met: \(Self.list(present)) reported present.")
            }
            if unknown.isEmpty {
                return (.notMet, "Not met: \(Self.list(absent)) reported absent." + note)
            }
            var basis = "Unknown: no counted part is reported present; not assessed: \(Self.list(unknown))."
            if !absent.isEmpty { basis += " Reported absent: \(Self.list(absent))." }
            return (.unknown, basis + note)
        }
    }

    private func endocrinopathy(source: String) -> (status: CriterionStatus, basis: String) {
        switch GroupID.endocrinopathy.given(in: findings) {
        case nil:
            return (.unknown, "Not assessed.")
        case .whole(true)?:
            return (.met, "Reported present as a whole; taken as reported. A thyroid abnormality or diabetes mellitus alone does not meet this criterion (\(source)).")
        case .whole(false)?:
            return (.notMet, "Reported absent as a whole.")
        case .parts(let parts)?:
            let qualifying = parts.filter { Self.qualifyingEndocrineParts.contains($0.id) }
            let insufficient = parts.filter { Self.insufficientEndocrineParts.contains($0.id) && $0.value == true }
            let present = qualifying.filter { $0.value == true }
            let absent = qualifying.filter { $0.value == false }
            let unknown = qualifying.filter { $0.value == nil }
            var note = ""
            if !insufficient.isEmpty {
                note = " \(Self.list(insufficient).capitalizedFirst) reported present, but a thyroid abnormality or diabetes mellitus alone is not sufficient to meet this criterion (\(source))."
            }
            if !present.isEmpty {
                return (.met, "Met: \(Self.list(present)) reported present.")
            }
            if unknown.isEmpty {
                return (.notMet, "Not met: \(Self.list(absent)) reported absent." + note)
            }
            var basis = "Unknown: no adrenal, pituitary, gonadal or parathyroid abnormality is reported present; not assessed: \(Self.list(unknown))."
            if !absent.isEmpty { basis += " Reported absent: \(Self.list(absent))." }
            return (.unknown, basis + note)
        }
    }
}

extension String {
    /// The string with its first character uppercased.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }

    /// The string with its first character lowercased, unless the first word
    /// is an acronym such as "VEGF".
    var lowercasedFirst: String {
        guard let first else { return self }
        let secondIsUpper = dropFirst().first?.isUppercase ?? false
        return secondIsUpper ? self : first.lowercased() + dropFirst()
    }
}
