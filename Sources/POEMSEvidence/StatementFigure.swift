/// A number carried by a sourced statement, with its printed form.
///
/// JSON: `{"key": "improved", "printed": "at least 15%", "value": 15, "upperValue": null,
/// "denominator": null, "unit": "%", "qualifier": "at-least"}`.
public struct StatementFigure: Sendable, Codable, Equatable {
    /// How the printed figure bounds the number.
    public enum Qualifier: String, Sendable, Codable {
        /// The number as printed.
        case exact
        /// "at least …".
        case atLeast = "at-least"
        /// "as many as …".
        case upTo = "up-to"
        /// "approximately …".
        case approximately
        /// "more than …".
        case moreThan = "more-than"
        /// "… to …": `value` is the lower and `upperValue` the upper bound.
        case range
    }

    /// Stable camelCase name of the figure within its statement.
    public let key: String
    /// The words of the quote that carry the figure, verbatim.
    public let printed: String
    public let value: Double
    /// Upper bound for a `range`.
    public let upperValue: Double?
    /// For a fraction such as "2/27": the denominator (value is the numerator).
    public let denominator: Int?
    /// `"%"`, `"Gy"`, `"patients"`, `"years"`, `"deaths"`.
    public let unit: String
    public let qualifier: Qualifier

    public init(key: String, printed: String, value: Double, upperValue: Double? = nil,
                denominator: Int? = nil, unit: String, qualifier: Qualifier = .exact) {
        self.key = key
        self.printed = printed
        self.value = value
        self.upperValue = upperValue
        self.denominator = denominator
        self.unit = unit
        self.qualifier = qualifier
    }

    private enum CodingKeys: String, CodingKey { case key, printed, value, upperValue, denominator, unit, qualifier }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(printed, forKey: .printed)
        try c.encode(value, forKey: .value)
        try c.encode(upperValue, forKey: .upperValue)
        try c.encode(denominator, forKey: .denominator)
        try c.encode(unit, forKey: .unit)
        try c.encode(qualifier, forKey: .qualifier)
    }
}
