/// Demographic facts about the patient. Every field is optional.
///
/// JSON:
///
/// ```json
/// {"sex": "female", "ageYears": 52}
/// ```
///
/// Decoding rejects unknown keys, an unknown `sex`, and an age that is not a
/// finite number from 0 to 150.
public struct Patient: Codable, Sendable, Equatable {
    /// The patient's sex, used to choose the polycythemia threshold.
    public var sex: Sex?
    /// The patient's age in years. Validated, reported nowhere, used by no rule.
    public var ageYears: Double?

    public init(sex: Sex? = nil, ageYears: Double? = nil) {
        self.sex = sex
        self.ageYears = ageYears
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sex, ageYears
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "patient")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sex = try container.decodeIfPresent(Sex.self, forKey: .sex)
        ageYears = try container.decodeIfPresent(Double.self, forKey: .ageYears)
        if let message = ageProblem {
            throw DecodingError.dataCorruptedError(forKey: .ageYears, in: container, debugDescription: message)
        }
    }

    /// Why `ageYears` is refused, if it is: not a finite number from 0 to 150.
    var ageProblem: String? {
        guard let age = ageYears, !(age.isFinite && age >= 0 && age <= 150) else { return nil }
        return "ageYears must be a number of years from 0 to 150; got \(formatNumber(age))."
    }
}
