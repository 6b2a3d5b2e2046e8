/// Server-side settings of the criteria engine.
///
/// ```swift
/// let engine = CriteriaEngine(settings: EvaluationSettings(thrombocytosisThresholdPerNanoliter: 400))
/// ```
public struct EvaluationSettings: Sendable, Equatable {
    /// The default thrombocytosis threshold, 450 × 10^9/L.
    ///
    /// REFERENCES.md: the sources give no threshold; a platelet count above
    /// 450 × 10^9/L is the conventional upper limit. Configurable, and
    /// reported in every derivation that uses it.
    public static let defaultThrombocytosisThresholdPerNanoliter: Double = 450

    /// Platelet count (10^9/L, i.e. per nanoliter) above which thrombocytosis
    /// is derived, when the finding is not given. "Above" is strictly
    /// greater. Should be a positive finite number.
    public var thrombocytosisThresholdPerNanoliter: Double

    public init(thrombocytosisThresholdPerNanoliter: Double = EvaluationSettings.defaultThrombocytosisThresholdPerNanoliter) {
        self.thrombocytosisThresholdPerNanoliter = thrombocytosisThresholdPerNanoliter
    }
}
