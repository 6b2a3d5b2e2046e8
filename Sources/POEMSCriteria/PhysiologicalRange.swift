/// The range outside which a laboratory value in its stated unit is almost
/// certainly a unit mistake, not a measurement: such a value is refused, never
/// read as another number.
///
/// These are not diagnostic thresholds. Ranges from REFERENCES.md, "Physiological
/// ranges for refusing unit mistakes": hemoglobin 1–25 g/dL (above 25 is most
/// likely g/L); platelets 1–5000 × 10^9/L; VEGF 0–100,000 pg/mL; calcium
/// 4–25 mg/dL (2–3 is most likely mmol/L); creatinine 0.1–30 mg/dL (above 30
/// is most likely µmol/L); bone-marrow plasma cells 0–100%. Both bounds are
/// inclusive.
public struct PhysiologicalRange: Sendable, Equatable {
    /// The `labs` field, e.g. `"hemoglobinGPerDl"`.
    public var field: String
    /// The unit the field is expressed in.
    public var unit: String
    public var lowest: Double
    public var highest: Double
    /// The likely mistake behind a value above `highest`, if the source names one.
    public var likelyMistakeAbove: String?
    /// The likely mistake behind a value below `lowest`, if the source names one.
    public var likelyMistakeBelow: String?

    static let source = "REFERENCES.md, physiological ranges for refusing unit mistakes"

    public static let hemoglobin = PhysiologicalRange(
        field: "hemoglobinGPerDl", unit: "g/dL", lowest: 1, highest: 25,
        likelyMistakeAbove: "g/L (divide by 10 for g/dL)", likelyMistakeBelow: nil)
    public static let platelets = PhysiologicalRange(
        field: "plateletCount10e9PerL", unit: "10^9/L", lowest: 1, highest: 5000,
        likelyMistakeAbove: "a count per microliter (divide by 1000 for 10^9/L)", likelyMistakeBelow: nil)
    public static let serumVegf = vegf("serumVegfPgPerMl")
    public static let plasmaVegf = vegf("plasmaVegfPgPerMl")
    public static let vegfUpperLimit = vegf("vegfUpperLimitPgPerMl")
    public static let calcium = PhysiologicalRange(
        field: "calciumMgPerDl", unit: "mg/dL", lowest: 4, highest: 25,
        likelyMistakeAbove: nil, likelyMistakeBelow: "mmol/L")
    public static let creatinine = PhysiologicalRange(
        field: "creatinineMgPerDl", unit: "mg/dL", lowest: 0.1, highest: 30,
        likelyMistakeAbove: "µmol/L", likelyMistakeBelow: nil)
    public static let boneMarrowPlasmaCells = PhysiologicalRange(
        field: "boneMarrowPlasmaCellPercent", unit: "%", lowest: 0, highest: 100,
        likelyMistakeAbove: nil, likelyMistakeBelow: nil)

    private static func vegf(_ field: String) -> PhysiologicalRange {
        PhysiologicalRange(field: field, unit: "pg/mL", lowest: 0, highest: 100_000,
                           likelyMistakeAbove: nil, likelyMistakeBelow: nil)
    }

    /// Why `value` is refused, or `nil` if it is within the range.
    ///
    /// For example: "hemoglobinGPerDl must be in g/dL, from 1 to 25; 135 looks
    /// like g/L (divide by 10 for g/dL)."
    public func refusal(_ value: Double) -> String? {
        guard !(value >= lowest && value <= highest) else { return nil }
        var text = "\(field) must be in \(unit), from \(formatNumber(lowest)) to \(formatNumber(highest)) (\(Self.source))"
        if value.isFinite, value > highest, let mistake = likelyMistakeAbove {
            text += "; \(formatNumber(value)) looks like \(mistake)"
        } else if value.isFinite, value < lowest, value >= 0, let mistake = likelyMistakeBelow {
            text += "; \(formatNumber(value)) looks like \(mistake)"
        } else {
            text += "; got \(formatNumber(value))"
        }
        return text + ". Send the value in \(unit)."
    }
}
