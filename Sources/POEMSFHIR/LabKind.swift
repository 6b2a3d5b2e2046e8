/// The laboratory values poemsd reads from Observations, each with the unit
/// the service uses, the UCUM units it converts from, and the `labs` field
/// it sets.
///
/// Conversions, with their derivation (UCUM codes are case-sensitive and
/// compared exactly, except that UCUM's two litres, `l` and `L`, are one
/// unit: ``UCUMLitre``; any other unit is refused, never guessed):
/// - hemoglobin, to g/dL: `g/dL` × 1; `g/L` ÷ 10 (1 L = 10 dL); `mmol/L`
///   × 1.611: laboratories report hemoglobin in mmol/L per monomer (one
///   heme), whose molar mass is 16,114.5 g/mol, i.e. 16.11 g per mmol, so
///   1 mmol/L = 16.11 g/L = 1.611 g/dL.
/// - platelets, to 10^9/L: `10*9/L` × 1; `10*3/uL` × 1 (1 µL = 10^-6 L, so
///   10^3/µL = 10^9/L); `/uL` ÷ 1000 (1/µL = 10^6/L = 10^-3 × 10^9/L).
/// - VEGF, to pg/mL: `pg/mL` × 1; `ng/L` × 1 (1 ng = 1000 pg and
///   1 L = 1000 mL).
/// - calcium, to mg/dL: `mg/dL` × 1; `mmol/L` × 4.008 (atomic mass of
///   calcium 40.08 g/mol: 1 mmol/L = 40.08 mg/L = 4.008 mg/dL).
/// - creatinine, to mg/dL: `mg/dL` × 1; `umol/L` ÷ 88.42 (molar mass of
///   creatinine 113.12 g/mol: 1 mg/dL = 10 mg/L ÷ 113.12 g/mol =
///   88.4 µmol/L; 88.42 is the factor laboratories print).
public enum LabKind: String, Sendable, CaseIterable {
    case hemoglobin
    case platelets
    /// VEGF whose specimen comes from the Observation's `specimen`.
    case vegf
    case vegfSerum = "vegf-serum"
    case vegfPlasma = "vegf-plasma"
    case calcium
    case creatinine

    /// The service's unit, as shown in messages.
    public var unit: String {
        switch self {
        case .hemoglobin: "g/dL"
        case .platelets: "10^9/L"
        case .vegf, .vegfSerum, .vegfPlasma: "pg/mL"
        case .calcium, .creatinine: "mg/dL"
        }
    }

    /// UCUM code → factor to the service's unit.
    var conversions: [String: Double] {
        switch self {
        case .hemoglobin: ["g/dL": 1, "g/L": 0.1, "mmol/L": 1.611]
        case .platelets: ["10*9/L": 1, "10*3/uL": 1, "/uL": 0.001]
        case .vegf, .vegfSerum, .vegfPlasma: ["pg/mL": 1, "ng/L": 1]
        case .calcium: ["mg/dL": 1, "mmol/L": 4.008]
        case .creatinine: ["mg/dL": 1, "umol/L": 1 / 88.42]
        }
    }

    /// The range outside which a value, once converted, is almost certainly
    /// a unit error, not a measurement (REFERENCES.md, Physiological ranges
    /// for refusing unit mistakes): hemoglobin 1–25 g/dL, platelets
    /// 1–5000 × 10^9/L, VEGF 0–100,000 pg/mL, calcium 4–25 mg/dL,
    /// creatinine 0.1–30 mg/dL.
    var plausibleRange: ClosedRange<Double> {
        switch self {
        case .hemoglobin: 1...25
        case .platelets: 1...5000
        case .vegf, .vegfSerum, .vegfPlasma: 0...100_000
        case .calcium: 4...25
        case .creatinine: 0.1...30
        }
    }

    /// The value in the service's unit, or why it cannot be read: no
    /// UCUM code, a unit not converted, or a result outside the plausible range.
    public func convert(_ value: Double, ucum: String?) -> Result<Double, LabReadingProblem> {
        guard let ucum else { return .failure(.missingUnit) }
        guard let factor = conversions[UCUMLitre.upperCased(ucum)] else {
            return .failure(.unknownUnit(ucum, accepted: conversions.keys.sorted()))
        }
        let converted = value * factor
        guard plausibleRange.contains(converted) else {
            return .failure(.implausible(converted, unit: unit, range: plausibleRange))
        }
        return .success(converted)
    }
}

/// Why a laboratory quantity was not read; becomes an `unmapped` reason.
public enum LabReadingProblem: Error, Equatable {
    case missingUnit
    case unknownUnit(String, accepted: [String])
    case implausible(Double, unit: String, range: ClosedRange<Double>)

    public var reason: String {
        switch self {
        case .missingUnit:
            "The quantity has no UCUM unit code (valueQuantity.system http://unitsofmeasure.org and code); a unit is never guessed, so the value is not used."
        case let .unknownUnit(unit, accepted):
            "The UCUM unit '\(unit)' is not one poemsd converts (accepted: \(accepted.joined(separator: ", "))); the value is not used."
        case let .implausible(value, unit, range):
            "The value, \(formatted(value)) \(unit) once converted, is outside \(formatted(range.lowerBound))–\(formatted(range.upperBound)) \(unit), which almost certainly means a unit error (REFERENCES.md, Physiological ranges); the value is not used."
        }
    }
}

/// A number without trailing zeros: 13.5, 520, 0.1.
func formatted(_ value: Double) -> String {
    let rounded = (value * 1000).rounded() / 1000
    return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
}
