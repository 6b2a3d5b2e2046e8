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
/// A value decides a finding (`vegfElevated`, `thrombocytosis`,
/// `polycythemia`) when the finding is not given; a given finding that
/// contradicts it makes the criterion unknown. Hemoglobin, platelets,
/// calcium, creatinine and bone-marrow plasma cells also feed the warnings and
/// the differential (myeloma-defining features, anemia, thrombocytopenia); see
/// ``LabDerivation``.
///
/// Decoding rejects, with the field's path:
///
/// - unknown keys;
/// - a value outside the physiological range of its unit
///   (``PhysiologicalRange``: a unit mistake, never read as another number);
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
    /// Bone-marrow clonal plasma cells, in % of marrow cells.
    public var boneMarrowPlasmaCellPercent: Double?
    /// Serum calcium, in mg/dL.
    public var calciumMgPerDl: Double?
    /// Serum creatinine, in mg/dL.
    public var creatinineMgPerDl: Double?

    public init(
        serumVegfPgPerMl: Double? = nil,
        plasmaVegfPgPerMl: Double? = nil,
        vegfUpperLimitPgPerMl: Double? = nil,
        plateletCount10e9PerL: Double? = nil,
        hemoglobinGPerDl: Double? = nil,
        boneMarrowPlasmaCellPercent: Double? = nil,
        calciumMgPerDl: Double? = nil,
        creatinineMgPerDl: Double? = nil)
    {
        self.serumVegfPgPerMl = serumVegfPgPerMl
        self.plasmaVegfPgPerMl = plasmaVegfPgPerMl
        self.vegfUpperLimitPgPerMl = vegfUpperLimitPgPerMl
        self.plateletCount10e9PerL = plateletCount10e9PerL
        self.hemoglobinGPerDl = hemoglobinGPerDl
        self.boneMarrowPlasmaCellPercent = boneMarrowPlasmaCellPercent
        self.calciumMgPerDl = calciumMgPerDl
        self.creatinineMgPerDl = creatinineMgPerDl
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case serumVegfPgPerMl, plasmaVegfPgPerMl, vegfUpperLimitPgPerMl
        case plateletCount10e9PerL, hemoglobinGPerDl
        case boneMarrowPlasmaCellPercent, calciumMgPerDl, creatinineMgPerDl
    }

    /// Each value, in decoding order, with the range its unit allows.
    static let measurements: [(CodingKeys, PhysiologicalRange, WritableKeyPath<Labs, Double?> & Sendable)] =
        [(.serumVegfPgPerMl, .serumVegf, \.serumVegfPgPerMl), (.plasmaVegfPgPerMl, .plasmaVegf, \.plasmaVegfPgPerMl),
         (.vegfUpperLimitPgPerMl, .vegfUpperLimit, \.vegfUpperLimitPgPerMl), (.plateletCount10e9PerL, .platelets, \.plateletCount10e9PerL),
         (.hemoglobinGPerDl, .hemoglobin, \.hemoglobinGPerDl), (.boneMarrowPlasmaCellPercent, .boneMarrowPlasmaCells, \.boneMarrowPlasmaCellPercent),
         (.calciumMgPerDl, .calcium, \.calciumMgPerDl), (.creatinineMgPerDl, .creatinine, \.creatinineMgPerDl)]

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "labs")
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for (key, range, field) in Self.measurements {
            guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { continue }
            if let refusal = range.refusal(value) {
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
