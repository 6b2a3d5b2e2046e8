extension BundleReader {
    static let procedureStatuses = ["preparation", "in-progress", "not-done", "on-hold", "stopped", "completed", "entered-in-error", "unknown"]

    /// A Procedure is read for one thing: a biopsy of a lesion looking for
    /// clonal plasma cells (a `monoclonal-protein` row with target
    /// `lesion-biopsy`). A completed Procedure says the biopsy was done, not
    /// what it showed: the result is present but not interpretable until an
    /// Observation gives it, and the work-up says to record it rather than to
    /// biopsy again.
    func readProcedure(_ resource: Resource, into state: inout ReadState) throws(FHIRIssue) {
        let element = resource.element
        guard let status = try element.string("status") else {
            throw FHIRIssue(.required, at: "\(element.expression).status", "Procedure.status is required in FHIR R4.")
        }
        guard Self.procedureStatuses.contains(status) else {
            throw FHIRIssue(.value, at: "\(element.expression).status", "'\(status)' is not a Procedure status code.")
        }
        guard status == "completed" else {
            state.unmapped.append(Unmapped(resource: resource.reference, expression: "\(element.expression).status", coding: nil,
                                           reason: "status \(status): only a completed Procedure says that a test was done."))
            return
        }
        let period = try element.object("performedPeriod")
        var date: FHIRDate?
        for (holder, name) in [(element, "performedDateTime"), (period, "end"), (period, "start")] where date == nil {
            date = try self.date(holder, name)
        }
        try readCode(resource, date: date, status: nil, into: &state) { row, _ in
            guard row.kind == .monoclonalProtein, row.target == TerminologyRow.MonoclonalProteinTest.lesionBiopsy.rawValue else {
                return [.unmapped("A Procedure is read only as a lesion biopsy; this code maps to a \(row.kind.rawValue) (\(row.target)): send it as an Observation or a Condition.")]
            }
            return [.mProtein(.lesionBiopsy, .notInterpretable("A Procedure records that the lesion biopsy was done, not what it showed: send its result as an Observation with the same code, valued LOINC LA9633-4 Present (clonal plasma cells) or LA9634-2 Absent."))]
        }
    }

    /// Settles the M-protein results (``MProteinResult``) into proposals,
    /// notes, `unmapped` entries and serial-result warnings.
    func settleMProtein(_ state: inout ReadState) {
        let settlement = MProteinResult.settle(state.mProtein)
        for proposal in settlement.proposals {
            for result in proposal.results {
                state.candidates.propose(proposal.target, .init(value: .bool(proposal.value), detail: result.detail, date: result.date))
            }
        }
        state.notes += settlement.notes
        state.unmapped += settlement.unmapped
        for (key, results) in settlement.serial.sorted(by: { $0.key < $1.key }) {
            let trend = InputWarning.trend(results.map { "\($0.detail.resource) (\($0.date?.text ?? "no date")): \($0.outcome.word)" })
            state.serialWarnings.append(InputWarning(
                code: .serialResults, target: "/findings/mProteinTests/\(key)", resources: results.reversed().map(\.detail.resource),
                message: "Serial results of one test: \(trend); the latest, \(results.last!.detail.resource), decides."))
        }
    }
}

extension MProteinResult.Outcome {
    /// The outcome in a word, for messages.
    var word: String {
        switch self {
        case .shown: "protein shown"
        case .negative: "negative"
        case .notInterpretable: "not interpretable"
        }
    }
}
