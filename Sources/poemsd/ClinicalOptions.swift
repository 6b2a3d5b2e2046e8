import ArgumentParser
import POEMSCriteria

/// Options of the criteria engine, shared by `serve` and `evaluate`.
struct ClinicalOptions: ParsableArguments {
    @Option(help: "Platelet count above which thrombocytosis is derived, in 10^9/L (REFERENCES.md: conventional upper limit). [env: POEMSD_THROMBOCYTOSIS_THRESHOLD] (default: 450)")
    var thrombocytosisThreshold: Double?

    @Option(help: "Platelet count below which thrombocytopenia is flagged, in 10^9/L (REFERENCES.md: conventional lower limit, no source in the seeds). [env: POEMSD_THROMBOCYTOPENIA_THRESHOLD] (default: 150)")
    var thrombocytopeniaThreshold: Double?

    func settings() throws -> EvaluationSettings {
        let high = try threshold(thrombocytosisThreshold, variable: "POEMSD_THROMBOCYTOSIS_THRESHOLD", name: "thrombocytosis",
                                 default: EvaluationSettings.defaultThrombocytosisThresholdPerNanoliter)
        let low = try threshold(thrombocytopeniaThreshold, variable: "POEMSD_THROMBOCYTOPENIA_THRESHOLD", name: "thrombocytopenia",
                                default: EvaluationSettings.defaultThrombocytopeniaThresholdPerNanoliter)
        guard low < high else {
            throw ValidationError("the thrombocytopenia threshold (\(low)) must be below the thrombocytosis threshold (\(high))")
        }
        return EvaluationSettings(thrombocytosisThresholdPerNanoliter: high, thrombocytopeniaThresholdPerNanoliter: low)
    }

    private func threshold(_ flag: Double?, variable: String, name: String, default value: Double) throws -> Double {
        let threshold = try flag
            ?? Environment.string(variable).map { text in
                guard let value = Double(text) else { throw ValidationError("\(variable) must be a number") }
                return value
            }
            ?? value
        guard threshold > 0, threshold.isFinite else { throw ValidationError("the \(name) threshold must be a positive number") }
        return threshold
    }

    func defaultCriteriaSet(_ flag: String?) throws -> CriteriaSetID {
        let text = flag ?? Environment.string("POEMSD_DEFAULT_CRITERIA") ?? CriteriaSetID.imwg2014.rawValue
        guard let id = CriteriaSetID(rawValue: text) else {
            throw ValidationError("unknown criteria set '\(text)'; known: \(CriteriaSetID.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return id
    }
}
