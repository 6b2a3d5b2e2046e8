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

    /// The default thrombocytopenia threshold, 150 × 10^9/L.
    ///
    /// REFERENCES.md (telling POEMS from its mimics): platelets below
    /// 150 × 10^9/L, the conventional lower limit; no source in the seeds, so
    /// configurable and reported in every derivation that uses it.
    public static let defaultThrombocytopeniaThresholdPerNanoliter: Double = 150

    /// Platelet count (10^9/L, i.e. per nanoliter) above which thrombocytosis
    /// is derived, when the finding is not given. "Above" is strictly
    /// greater. Should be a positive finite number.
    public var thrombocytosisThresholdPerNanoliter: Double

    /// Platelet count (10^9/L) below which thrombocytopenia is derived, for
    /// the `anemia-or-thrombocytopenia` warning. "Below" is strictly less.
    /// Should be a positive finite number below the thrombocytosis threshold.
    public var thrombocytopeniaThresholdPerNanoliter: Double

    public init(
        thrombocytosisThresholdPerNanoliter: Double = EvaluationSettings.defaultThrombocytosisThresholdPerNanoliter,
        thrombocytopeniaThresholdPerNanoliter: Double = EvaluationSettings.defaultThrombocytopeniaThresholdPerNanoliter)
    {
        self.thrombocytosisThresholdPerNanoliter = thrombocytosisThresholdPerNanoliter
        self.thrombocytopeniaThresholdPerNanoliter = thrombocytopeniaThresholdPerNanoliter
    }
}
