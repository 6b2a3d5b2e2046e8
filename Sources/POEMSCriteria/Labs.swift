/// Laboratory values from which findings can be derived. Every field is
/// optional.
///
/// JSON:
///
/// ```json
/// {"serumVegfPgPerMl": 2400, "plasmaVegfPgPerMl": null,
///  "vegfUpperLimitPgPerMl": null, "plateletCount10e9PerL": 520,
///  "hemoglobinGPerDl": 14.2}
/// ```
///
/// A value is used only when the corresponding finding (`vegfElevated`,
/// `thrombocytosis`, `polycythemia`) is not given; see ``LabDerivation``.
///
/// Decoding rejects, with the field's path:
///
/// - unknown keys;
/// - negative or non-finite values;
/// - a `vegfUpperLimitPgPerMl` of zero or less;
/// - a `vegfUpperLimitPgPerMl` given together with both serum and plasma VEGF:
///   a laboratory limit belongs to one assay, and the engine cannot tell
///   which.
public struct Labs: Codable, Sendable, Equatable {
    /// Serum VEGF, in pg/mL.
    public var serumVegfPgPerMl: Double?
    /// Plasma VEGF, in pg/mL.
    public var plasmaVegfPgPerMl: Double?
    /// The reporting laboratory's upper limit of normal for the one VEGF
    /// assay given, in pg/mL. Overrides the default threshold of that assay.
    public var vegfUpperLimitPgPerMl: Double?
    /// Platelet count, in 10^9/L.
    public var plateletCount10e9PerL: Double?
    /// Hemoglobin, in g/dL.
    public var hemoglobinGPerDl: Double?

    public init(
        serumVegfPgPerMl: Double? = nil,
        plasmaVegfPgPerMl: Double? = nil,
        vegfUpperLimitPgPerMl: Double? = nil,
        plateletCount10e9PerL: Double? = nil,
        hemoglobinGPerDl: Double? = nil)
    {
        self.serumVegfPgPerMl = serumVegfPgPerMl
        self.plasmaVegfPgPerMl = plasmaVegfPgPerMl
        self.vegfUpperLimitPgPerMl = vegfUpperLimitPgPerMl
        self.plateletCount10e9PerL = plateletCount10e9PerL
        self.hemoglobinGPerDl = hemoglobinGPerDl
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case serumVegfPgPerMl, plasmaVegfPgPerMl, vegfUpperLimitPgPerMl
        case plateletCount10e9PerL, hemoglobinGPerDl
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "labs")
        let container = try decoder.container(keyedBy: CodingKeys.self)

        func measurement(_ key: CodingKeys, unit: String) throws -> Double? {
            guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
            guard value.isFinite, value >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "\(key.rawValue) must be a finite number of zero or more (\(unit)); got \(formatNumber(value)).")
            }
            return value
        }

        serumVegfPgPerMl = try measurement(.serumVegfPgPerMl, unit: "pg/mL")
        plasmaVegfPgPerMl = try measurement(.plasmaVegfPgPerMl, unit: "pg/mL")
        vegfUpperLimitPgPerMl = try measurement(.vegfUpperLimitPgPerMl, unit: "pg/mL")
        plateletCount10e9PerL = try measurement(.plateletCount10e9PerL, unit: "10^9/L")
        hemoglobinGPerDl = try measurement(.hemoglobinGPerDl, unit: "g/dL")

        if let limit = vegfUpperLimitPgPerMl {
            if limit <= 0 {
                throw DecodingError.dataCorruptedError(
                    forKey: .vegfUpperLimitPgPerMl, in: container,
                    debugDescription: "vegfUpperLimitPgPerMl must be greater than zero; got \(formatNumber(limit)).")
            }
            if serumVegfPgPerMl != nil, plasmaVegfPgPerMl != nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .vegfUpperLimitPgPerMl, in: container,
                    debugDescription: "vegfUpperLimitPgPerMl is ambiguous when both serumVegfPgPerMl and plasmaVegfPgPerMl are given: a laboratory's upper limit belongs to one assay. Send the limit with one VEGF value only, or omit it to use the default thresholds.")
            }
        }
    }
}
