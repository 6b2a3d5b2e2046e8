/// One resource's answer to "did this test show a monoclonal protein?", and
/// how a Bundle's answers become `findings.monoclonalPlasmaCellDisorder` and
/// `findings.mProteinTests` — the same input a clinician would send as JSON.
///
/// The rules (REFERENCES.md, "When the M-protein counts as absent", from seed
/// 004): per test, the most recent result decides (serial results are a
/// trend). A protein shown by any test sets the disorder present. Otherwise,
/// when every result present is readable and at least one is negative, the
/// disorder is set absent and the tests done are listed, so that the
/// criteria engine decides whether the work-up establishes the absence
/// (serum and urine immunofixation and free light chains, and the biopsy of
/// a sclerotic lesion). A result present but not readable leaves the
/// disorder unset (never "absent" on what cannot be read) and is noted
/// (``CriterionNote``): the work-up says to correct it. Only a readable
/// result marks its test done.
struct MProteinResult {
    enum Outcome: Equatable {
        /// A monoclonal protein (or clonal plasma cells) shown.
        case shown
        /// Looked for and not found.
        case negative
        /// Present but not readable, with the reason.
        case notInterpretable(String)

        /// On a tie at the same time, the answer that asserts least absence wins.
        var rank: Int {
            switch self {
            case .shown: 2
            case .notInterpretable: 1
            case .negative: 0
            }
        }
    }

    let test: TerminologyRow.MonoclonalProteinTest
    let outcome: Outcome
    let detail: SourceDetail
    let date: FHIRDate?
    /// The FHIRPath of the coding, for `unmapped`.
    let expression: String

    /// What the results of a Bundle set: values to propose, notes, and the
    /// resources whose results were superseded by a later one of the same test.
    struct Settlement {
        var proposals: [(target: String, value: Bool, results: [MProteinResult])] = []
        var notes: [CriterionNote] = []
        var unmapped: [Unmapped] = []
        /// Per test (its `findingsKey`), the results in time order when
        /// they are more than one and differ: a trend, the latest deciding.
        var serial: [String: [MProteinResult]] = [:]
    }

    static func settle(_ results: [MProteinResult]) -> Settlement {
        var settlement = Settlement()
        guard !results.isEmpty else { return settlement }
        var byTest = Dictionary(grouping: results) { $0.test.findingsKey }
        // The free light chain ratio decides; a kappa or lambda value alone is read only without one.
        if let chains = byTest["serumFreeLightChains"], chains.contains(where: { $0.test == .freeLightChainRatio }) {
            byTest["serumFreeLightChains"] = chains.filter { $0.test == .freeLightChainRatio }
        }
        var latest: [String: MProteinResult] = [:]
        for (key, group) in byTest {
            let ordered = group.sorted { ($0.date?.start ?? .distantPast) < ($1.date?.start ?? .distantPast) }
            let lastDate = ordered.last?.date
            let atLast = ordered.filter { $0.date == lastDate }
            latest[key] = atLast.max { $0.outcome.rank < $1.outcome.rank }
            if Set(ordered.map { "\($0.outcome)" }).count > 1, ordered.allSatisfy({ $0.date != nil }), atLast.count == 1 {
                settlement.serial[key] = ordered
            }
        }
        let decided = latest.keys.sorted().map { latest[$0]! }
        for result in decided {
            if case .notInterpretable(let reason) = result.outcome {
                settlement.unmapped.append(Unmapped(resource: result.detail.resource, expression: result.expression, coding: nil,
                                                    reason: reason, target: "/findings/mProteinTests/\(result.test.findingsKey)"))
                settlement.notes.append(CriterionNote(kind: .notInterpretable, resource: result.detail.resource,
                                                      target: "/findings/mProteinTests/\(result.test.findingsKey)",
                                                      subject: result.test.name, text: reason))
            }
        }
        let readable = decided.filter { $0.outcome == .negative || $0.outcome == .shown }
        for result in readable {
            settlement.proposals.append(("/findings/mProteinTests/\(result.test.findingsKey)", true, byTest[result.test.findingsKey] ?? [result]))
        }
        let shown = decided.filter { $0.outcome == .shown }
        if !shown.isEmpty {
            settlement.proposals.append(("/findings/monoclonalPlasmaCellDisorder", true, shown))
        } else if readable.count == decided.count {
            settlement.proposals.append(("/findings/monoclonalPlasmaCellDisorder", false, readable))
        }
        return settlement
    }
}

extension MProteinResult.Outcome {
    /// What one Observation of `test` says, from its value, its
    /// interpretation and (for the free light chain ratio) its reference range.
    static func of(_ test: TerminologyRow.MonoclonalProteinTest, value: ObservationValue,
                   interpretation: ObservationInterpretation?, range: (low: Double?, high: Double?)?) -> Self {
        switch test {
        case .freeLightChains:
            return .notInterpretable("A kappa or lambda free light chain value alone neither shows nor excludes a monoclonal light chain: the kappa/lambda ratio decides (LOINC 48378-4), judged by the laboratory's own reference range. Send the ratio.")
        case .freeLightChainRatio:
            var normal: Bool?
            switch interpretation {
            case .normal?: normal = true
            case .abnormal?: normal = false
            default:
                if case let .quantity(number, _, nil, _) = value, let low = range?.low, let high = range?.high {
                    normal = (low...high).contains(number)
                }
            }
            switch normal {
            case true?: return .negative
            case false?:
                return .notInterpretable("The free light chain ratio is outside the laboratory's reference range. The sources give no rule reading a ratio as the monoclonal protein of POEMS (REFERENCES.md), so it neither sets the plasma cell disorder present nor lets the work-up count as negative: the clinician decides, with immunofixation.")
            case nil:
                return .notInterpretable("A free light chain ratio is judged by the laboratory's own reference range: send its interpretation (N, or H, L, A) or a referenceRange with low and high; \(value.describe) was given without either.")
            }
        case .serumElectrophoresis, .serumImmunofixation, .urineImmunofixation, .band, .lesionBiopsy:
            if case let .quantity(number, _, comparator, _) = value {
                // "< 0.1": below detection, a negative; "> 3": a protein measured.
                return (comparator.map { $0.hasPrefix(">") } ?? (number > 0)) ? .shown : .negative
            }
            if let present = value.presence { return present ? .shown : .negative }
            switch interpretation {
            case .positive?: return .shown
            case .negative?: return .negative
            default:
                return .notInterpretable("A \(test.name) result is read from a quantity, LOINC LA9633-4 Present / LA9634-2 Absent, a boolean, or an interpretation POS/DET or NEG/ND; \(value.describe) was given.")
            }
        }
    }
}
