/// Laboratory values from which findings can be derived. Every field is
/// optional.
///
/// JSON:
///
/// ```json
/// {"serumVegfPgPerMl": 2400, "plasmaVegfPgPerMl": null,
///  "vegfUpperLimitPgPerMl": null, "plateletCount10e9PerL": 520,
///  "hemoglobinGPerDl": 14.2, "serumFreeLightChainRatio": 150,
///  "involvedFreeLightChainMgPerL": 240}
/// ```
///
/// A value decides a finding (`vegfElevated`, `thrombocytosis`,
/// `polycythemia`) when the finding is not given; a given finding that
/// contradicts it makes the criterion unknown. Hemoglobin, platelets,
/// calcium, creatinine, bone-marrow plasma cells and the free light chains
/// also feed the warnings and the differential (the IMWG 2014 definition of
/// multiple myeloma, anemia, thrombocytopenia); see ``LabDerivation`` and
/// ``MyelomaDefinition``.
///
/// Decoding rejects, with the field's path:
///
/// - unknown keys;
/// - a value outside the physiological range of its unit
///   (``PhysiologicalRange``: a unit mistake, never read as another number);
/// - a `vegfUpperLimitPgPerMl` of zero or less;
/// - a negative `serumFreeLightChainRatio` or `involvedFreeLightChainMgPerL`
///   (REFERENCES.md gives no physiological range for them: only a negative
///   value is refused);
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
    /// Bone-marrow clonal plasma cells, in % of marrow cells.
    public var boneMarrowPlasmaCellPercent: Double?
    /// Serum calcium, in mg/dL.
    public var calciumMgPerDl: Double?
    /// Serum creatinine, in mg/dL.
    public var creatinineMgPerDl: Double?
    /// The serum free light chain ratio, involved over uninvolved (the clonal
    /// light chain over the other one), as IMWG 2014 states it: for a lambda
    /// clone, lambda/kappa, the inverse of the kappa/lambda ratio most
    /// laboratories print. 100 or more, with the involved light chain at 100
    /// mg/L or more, is a myeloma-defining event (REFERENCES.md, IMWG 2014).
    public var serumFreeLightChainRatio: Double?
    /// The involved (clonal) serum free light chain, in mg/L.
    public var involvedFreeLightChainMgPerL: Double?

    public init(
        serumVegfPgPerMl: Double? = nil,
        plasmaVegfPgPerMl: Double? = nil,
        vegfUpperLimitPgPerMl: Double? = nil,
        plateletCount10e9PerL: Double? = nil,
        hemoglobinGPerDl: Double? = nil,
        boneMarrowPlasmaCellPercent: Double? = nil,
        calciumMgPerDl: Double? = nil,
        creatinineMgPerDl: Double? = nil,
        serumFreeLightChainRatio: Double? = nil,
        involvedFreeLightChainMgPerL: Double? = nil)
    {
        self.serumVegfPgPerMl = serumVegfPgPerMl
        self.plasmaVegfPgPerMl = plasmaVegfPgPerMl
        self.vegfUpperLimitPgPerMl = vegfUpperLimitPgPerMl
        self.plateletCount10e9PerL = plateletCount10e9PerL
        self.hemoglobinGPerDl = hemoglobinGPerDl
        self.boneMarrowPlasmaCellPercent = boneMarrowPlasmaCellPercent
        self.calciumMgPerDl = calciumMgPerDl
        self.creatinineMgPerDl = creatinineMgPerDl
        self.serumFreeLightChainRatio = serumFreeLightChainRatio
        self.involvedFreeLightChainMgPerL = involvedFreeLightChainMgPerL
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case serumVegfPgPerMl, plasmaVegfPgPerMl, vegfUpperLimitPgPerMl
        case plateletCount10e9PerL, hemoglobinGPerDl
        case boneMarrowPlasmaCellPercent, calciumMgPerDl, creatinineMgPerDl
        case serumFreeLightChainRatio, involvedFreeLightChainMgPerL
    }

    /// Each value, in decoding order, with the range its unit allows (`nil`:
    /// no range in REFERENCES.md, only a negative value is refused).
    static let measurements: [(CodingKeys, PhysiologicalRange?, WritableKeyPath<Labs, Double?> & Sendable)] =
        [(.serumVegfPgPerMl, .serumVegf, \.serumVegfPgPerMl), (.plasmaVegfPgPerMl, .plasmaVegf, \.plasmaVegfPgPerMl),
         (.vegfUpperLimitPgPerMl, .vegfUpperLimit, \.vegfUpperLimitPgPerMl), (.plateletCount10e9PerL, .platelets, \.plateletCount10e9PerL),
         (.hemoglobinGPerDl, .hemoglobin, \.hemoglobinGPerDl), (.boneMarrowPlasmaCellPercent, .boneMarrowPlasmaCells, \.boneMarrowPlasmaCellPercent),
         (.calciumMgPerDl, .calcium, \.calciumMgPerDl), (.creatinineMgPerDl, .creatinine, \.creatinineMgPerDl),
         (.serumFreeLightChainRatio, nil, \.serumFreeLightChainRatio), (.involvedFreeLightChainMgPerL, nil, \.involvedFreeLightChainMgPerL)]

    /// Why `value` of `key` is refused, or `nil`: outside its physiological
    /// range, or negative where there is none.
    static func refusal(_ key: CodingKeys, _ range: PhysiologicalRange?, _ value: Double) -> String? {
        if let range { return range.refusal(value) }
        return value >= 0 ? nil : "\(key.stringValue) cannot be negative; got \(formatNumber(value))."
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "labs")
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for (key, range, field) in Self.measurements {
            guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { continue }
            if let refusal = Self.refusal(key, range, value) {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: refusal)
            }
            self[keyPath: field] = value
        }
        if let message = limitProblem {
            throw DecodingError.dataCorruptedError(forKey: .vegfUpperLimitPgPerMl, in: container, debugDescription: message)
        }
    }

    /// What is wrong with `vegfUpperLimitPgPerMl`, if anything: zero or less,
    /// or given with both VEGF assays.
    var limitProblem: String? {
        guard let limit = vegfUpperLimitPgPerMl else { return nil }
        if limit <= 0 {
            return "vegfUpperLimitPgPerMl must be greater than zero; got \(formatNumber(limit))."
        }
        if serumVegfPgPerMl != nil, plasmaVegfPgPerMl != nil {
            return "vegfUpperLimitPgPerMl is ambiguous when both serumVegfPgPerMl and plasmaVegfPgPerMl are given: a laboratory's upper limit belongs to one assay. Send the limit with one VEGF value only, or omit it to use the default thresholds."
        }
        return nil
    }
}
