import ArgumentParser
import POEMSCriteria

/// Options of the criteria engine, shared by `serve` and `evaluate`.
struct ClinicalOptions: ParsableArguments {
    @Option(help: "Platelet count above which thrombocytosis is derived, in 10^9/L (REFERENCES.md: conventional upper limit). [env: POEMSD_THROMBOCYTOSIS_THRESHOLD] (default: 450)")
    var thrombocytosisThreshold: Double?

    func settings() throws -> EvaluationSettings {
        let threshold = try thrombocytosisThreshold
            ?? Environment.string("POEMSD_THROMBOCYTOSIS_THRESHOLD").map { text in
                guard let value = Double(text) else { throw ValidationError("POEMSD_THROMBOCYTOSIS_THRESHOLD must be a number") }
                return value
            }
            ?? EvaluationSettings.defaultThrombocytosisThresholdPerNanoliter
        guard threshold > 0, threshold.isFinite else { throw ValidationError("the thrombocytosis threshold must be a positive number") }
        return EvaluationSettings(thrombocytosisThresholdPerNanoliter: threshold)
    }

    func defaultCriteriaSet(_ flag: String?) throws -> CriteriaSetID {
        let text = flag ?? Environment.string("POEMSD_DEFAULT_CRITERIA") ?? CriteriaSetID.imwg2014.rawValue
        guard let id = CriteriaSetID(rawValue: text) else {
            throw ValidationError("unknown criteria set '\(text)'; known: \(CriteriaSetID.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return id
    }
}
