/// A patient (or course) count derived from a printed percentage.
///
/// Tables 3 and 4 of seed 004 print percentages of a row's N. For convenience
/// the module derives `round(N × % / 100)` (half away from zero). This number is
/// **not printed in the source**; `derived` is always `true` and `formula`
/// shows the arithmetic, e.g. `"round(70 × 54 / 100)"`.
/// Derived counts are never computed for missing cells.
public struct DerivedCount: Sendable, Codable, Equatable {
    /// The rounded count.
    public let value: Int
    /// Always `true`: marks the value as computed, not printed.
    public let derived: Bool
    /// The arithmetic used, with the printed N and percentage.
    public let formula: String
    /// What the count counts ("patients", or "courses" for Table 3 radiation).
    public let unit: String

    /// Derives `round(n × percent / 100)`, rounding halves away from zero.
    public init(n: Int, percent: Int, unit: String = "patients") {
        let product = n * percent
        // Integer arithmetic, so that e.g. 4 × 50 / 100 = 2 exactly.
        self.value = (2 * product + 100) / 200
        self.derived = true
        self.formula = "round(\(n) × \(percent) / 100)"
        self.unit = unit
    }
}
