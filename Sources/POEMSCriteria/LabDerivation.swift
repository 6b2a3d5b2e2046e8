/// How a finding was derived from a laboratory value: one entry of
/// `EvaluationReport.derivations`.
///
/// JSON:
///
/// ```json
/// {"finding": "vegfElevated", "labField": "plasmaVegfPgPerMl", "value": 320, "unit": "pg/mL",
///  "comparison": "greater-than",
///  "thresholds": [{"value": 200, "origin": "default", "source": "..."}],
///  "result": "met", "applied": true, "explanation": "..."}
/// ```
///
/// The engine derives three findings, used only when the finding itself is
/// not given:
///
/// - `vegfElevated` from plasma VEGF (above the laboratory's limit if given,
///   else above 200 pg/mL) or serum VEGF (above the laboratory's limit if
///   given, else at or above 1040 pg/mL: REFERENCES.md gives normal serum VEGF
///   as below 1040). With both assays, plasma decides (REFERENCES.md: plasma
///   above 200 pg/mL is 95% specific), and `vegf-assays-discordant` is raised
///   if they disagree.
/// - `polycythemia` from hemoglobin: above 15 g/dL in females, above 17 g/dL
///   in males (seed 004, Table 2). Sex unknown: above 17 → present, 15 or less
///   → absent, in between → unknown (the sex is asked for).
/// - `thrombocytosis` from the platelet count, above
///   ``EvaluationSettings/thrombocytosisThresholdPerNanoliter``.
///
/// It also compares, for the warnings and the differential (see
/// ``LabFlag``): hemoglobin below 10 g/dL (`anemia`), platelets below
/// ``EvaluationSettings/thrombocytopeniaThresholdPerNanoliter``
/// (`thrombocytopenia`), calcium above 11 mg/dL (`hypercalcemia`),
/// creatinine above 2 mg/dL (`renalInsufficiency`), bone-marrow clonal plasma
/// cells at 10% or more (`marrowPlasmaCells10PercentOrMore`, the requirement
/// of the myeloma definition) and at 60% or more, and the free light chain
/// ratio and involved chain at 100 or more (the biomarkers of malignancy).
///
/// A derivation is reported even when the finding is given (`applied` is then
/// `false`). A given finding that the laboratory value contradicts makes the
/// criterion unknown and raises `finding-contradicts-lab`.
public struct LabDerivation: Codable, Sendable, Equatable {
    /// The finding or flag derived, e.g. `"polycythemia"` or `"anemia"`.
    public var finding: String
    /// The `labs` field compared, e.g. `"hemoglobinGPerDl"`.
    public var labField: String
    /// The laboratory value.
    public var value: Double
    /// The unit of `value` and of the thresholds.
    public var unit: String
    /// How the value is compared with the threshold: `"greater-than"`
    /// (strictly above), `"greater-than-or-equal"` (at or above) or
    /// `"less-than"` (strictly below).
    public var comparison: String
    /// The threshold(s) applied; two for hemoglobin when sex is unknown.
    public var thresholds: [LabThreshold]
    /// What this laboratory value alone indicates about the finding.
    public var result: CriterionStatus
    /// Whether the finding was taken from this derivation (`true`), or was
    /// given in the request and kept (`false`).
    public var applied: Bool
    /// The comparison in words.
    public var explanation: String
}

/// A threshold used by a ``LabDerivation``.
///
/// JSON: `{"value": 15, "appliesTo": "female", "origin": "default", "source": "..."}`
public struct LabThreshold: Codable, Sendable, Equatable {
    /// The threshold, in the derivation's unit, compared as the derivation's
    /// `comparison` says.
    public var value: Double
    /// The group the threshold applies to, e.g. `"female"`; absent when it
    /// applies to everyone.
    public var appliesTo: String?
    public var origin: ThresholdOrigin
    /// Where the threshold comes from.
    public var source: String
}

/// Where a threshold came from.
///
/// - `laboratoryLimit`: the laboratory's own upper limit, sent in the request
///   (`vegfUpperLimitPgPerMl`).
/// - `default`: the engine's default, from the sources.
/// - `serverSetting`: a value configured on the server
///   (``EvaluationSettings``) that differs from the default.
public enum ThresholdOrigin: String, Codable, Sendable, CaseIterable {
    case laboratoryLimit = "laboratory-limit"
    case `default`
    case serverSetting = "server-setting"
}

/// What the labs say about one derivable finding.
struct LabFindingResult: Sendable {
    /// The finding's status according to the labs.
    var status: CriterionStatus
    /// The comparison(s) in words, for the basis and warnings.
    var summary: String
    /// The sources of the thresholds used.
    var sources: [String]
}

/// Derives findings from the `labs` of a case.
struct LabDerivations: Sendable {
    /// Plasma VEGF default threshold, pg/mL.
    // REFERENCES.md: plasma VEGF above 200 pg/mL, 95% specific, 68% sensitive (Dispenzieri, Blood 2012, Table 1 footnote)
    static let plasmaVegfDefault: Double = 200
    static let plasmaVegfSource = "REFERENCES.md: plasma VEGF above 200 pg/mL is 95% specific and 68% sensitive for POEMS syndrome (Dispenzieri, Blood 2012, Table 1 footnote)"
    /// Serum VEGF default threshold, pg/mL.
    // REFERENCES.md: normal serum VEGF taken as below 1040 pg/mL (Misawa et al., BMJ Open 2015;5:e009157)
    static let serumVegfDefault: Double = 1040
    static let serumVegfSource = "REFERENCES.md: normal serum VEGF taken as below 1040 pg/mL, so elevated at 1040 pg/mL and above (Misawa et al., BMJ Open 2015;5:e009157)"
    /// How a VEGF criterion is derived when not given, for the criteria
    /// definitions; built from the thresholds above so that they cannot drift.
    static let vegfDerivationNote = "When not given, derived from labs: plasma VEGF above \(Int(plasmaVegfDefault)) pg/mL (Dispenzieri, Blood 2012, Table 1 footnote) or serum VEGF at or above \(Int(serumVegfDefault)) pg/mL (normal below \(Int(serumVegfDefault)): Misawa et al., BMJ Open 2015;5:e009157), unless the laboratory's own upper limit is given; with both assays, plasma decides (REFERENCES.md). A given finding that the labs contradict makes the criterion unknown."
    // REFERENCES.md: assays differ; a laboratory's own upper limit, where given, should win
    static let laboratoryLimitSource = "The laboratory's own upper limit (vegfUpperLimitPgPerMl); REFERENCES.md: assays differ, and a laboratory's own upper limit, where given, should win"
    // seed 004, Table 2: polycythemia, Hb >15 g/dl females and >17 g/dl males
    static let hemoglobinFemale: Double = 15
    static let hemoglobinMale: Double = 17
    static let hemoglobinSource = "seed 004, Table 2: polycythemia, hemoglobin above 15 g/dL in females and above 17 g/dL in males"
    // REFERENCES.md: no platelet threshold in the sources; above 450 × 10^9/L is the conventional upper limit
    static let plateletDefaultSource = "REFERENCES.md: the sources give no threshold; a platelet count above 450 × 10^9/L is the conventional upper limit"
    static let plateletSettingSource = "Server setting (thrombocytosisThresholdPerNanoliter); REFERENCES.md: the sources give no threshold, the conventional upper limit is 450 × 10^9/L"

    /// Every comparison made, in a stable order (plasma VEGF, serum VEGF,
    /// hemoglobin, platelets, then the flags of ``LabFlag``).
    var derivations: [LabDerivation] = []
    /// What the labs say, per derivable finding, when a relevant lab is given.
    var results: [FindingID: LabFindingResult] = [:]

    /// The VEGF assay that decided `vegfElevated` from labs, when one did.
    var vegfDecidedBy: VegfAssay?
    /// Both VEGF assays given and they disagree (plasma decided).
    var vegfAssaysDiscordant = false
    /// The comparisons of ``LabFlag``, when the lab is given.
    var flags: [LabFlag: LabFindingResult] = [:]

    init(input: CaseInput, settings: EvaluationSettings) {
        let labs = input.labs ?? Labs()
        let findings = input.findings
        deriveVEGF(labs: labs, applied: findings.vegfElevated == nil)
        deriveHemoglobin(labs: labs, sex: input.patient?.sex, applied: findings.polycythemia == nil)
        derivePlatelets(labs: labs, settings: settings, applied: findings.thrombocytosis == nil)
        deriveFlags(labs: labs, settings: settings)
    }

    /// A VEGF assay.
    enum VegfAssay: Sendable {
        case plasma, serum
    }

    static func above(_ value: Double, _ threshold: Double) -> CriterionStatus {
        value > threshold ? .met : .notMet
    }

    static func comparisonText(_ label: String, _ value: Double, _ threshold: Double, unit: String, origin: String) -> String {
        let relation = value > threshold ? "above" : "at or below"
        return "\(label) \(formatNumber(value)) \(unit) is \(relation) \(formatNumber(threshold)) \(unit) (\(origin))"
    }

    private mutating func deriveVEGF(labs: Labs, applied: Bool) {
        var decided: [(assay: VegfAssay, status: CriterionStatus, text: String, source: String)] = []
        let assays: [(assay: VegfAssay, field: String, label: String, value: Double?, defaultThreshold: Double, defaultSource: String)] = [
            (.plasma, "plasmaVegfPgPerMl", "Plasma VEGF", labs.plasmaVegfPgPerMl, Self.plasmaVegfDefault, Self.plasmaVegfSource),
            (.serum, "serumVegfPgPerMl", "Serum VEGF", labs.serumVegfPgPerMl, Self.serumVegfDefault, Self.serumVegfSource),
        ]
        // REFERENCES.md: plasma above 200 pg/mL is 95% specific; with both assays plasma decides.
        let deciding: VegfAssay? = labs.plasmaVegfPgPerMl != nil ? .plasma : (labs.serumVegfPgPerMl != nil ? .serum : nil)
        for assay in assays {
            guard let value = assay.value else { continue }
            // Decoding guarantees a laboratory limit comes with at most one assay.
            let threshold: LabThreshold
            let comparison: String
            let status: CriterionStatus
            let text: String
            if let limit = labs.vegfUpperLimitPgPerMl {
                threshold = LabThreshold(value: limit, appliesTo: nil, origin: .laboratoryLimit, source: Self.laboratoryLimitSource)
                comparison = "greater-than"
                status = Self.above(value, limit)
                text = Self.comparisonText(assay.label, value, limit, unit: "pg/mL", origin: "the laboratory's upper limit")
            } else if assay.assay == .serum {
                // REFERENCES.md: normal serum VEGF below 1040 pg/mL, so 1040 and above is elevated.
                threshold = LabThreshold(value: assay.defaultThreshold, appliesTo: nil, origin: .default, source: assay.defaultSource)
                comparison = "greater-than-or-equal"
                status = value >= assay.defaultThreshold ? .met : .notMet
                let relation = value >= assay.defaultThreshold ? "at or above" : "below"
                text = "\(assay.label) \(formatNumber(value)) pg/mL is \(relation) \(formatNumber(assay.defaultThreshold)) pg/mL (default threshold; normal is below it)"
            } else {
                threshold = LabThreshold(value: assay.defaultThreshold, appliesTo: nil, origin: .default, source: assay.defaultSource)
                comparison = "greater-than"
                status = Self.above(value, assay.defaultThreshold)
                text = Self.comparisonText(assay.label, value, assay.defaultThreshold, unit: "pg/mL", origin: "default threshold")
            }
            derivations.append(LabDerivation(
                finding: FindingID.vegfElevated.rawValue, labField: assay.field, value: value, unit: "pg/mL",
                comparison: comparison, thresholds: [threshold], result: status,
                applied: applied && assay.assay == deciding, explanation: text + "."))
            decided.append((assay.assay, status, text, threshold.source))
        }
        guard let deciding, let main = decided.first(where: { $0.assay == deciding }) else { return }
        vegfDecidedBy = deciding
        var summary = main.text
        var sources = [main.source]
        if let serum = decided.first(where: { $0.assay == .serum }), deciding == .plasma {
            vegfAssaysDiscordant = serum.status != main.status
            summary += vegfAssaysDiscordant
                ? "; serum VEGF disagrees (\(serum.text.lowercasedFirst)), and plasma decides"
                : "; serum VEGF agrees (\(serum.text.lowercasedFirst))"
            sources.append(serum.source)
        }
        results[.vegfElevated] = LabFindingResult(status: main.status, summary: summary, sources: sources)
    }

    private mutating func deriveHemoglobin(labs: Labs, sex: Sex?, applied: Bool) {
        guard let value = labs.hemoglobinGPerDl else { return }
        let female = LabThreshold(value: Self.hemoglobinFemale, appliesTo: "female", origin: .default, source: Self.hemoglobinSource)
        let male = LabThreshold(value: Self.hemoglobinMale, appliesTo: "male", origin: .default, source: Self.hemoglobinSource)
        let status: CriterionStatus
        let thresholds: [LabThreshold]
        let text: String
        switch sex {
        case .female?:
            thresholds = [female]
            status = Self.above(value, female.value)
            text = Self.comparisonText("Hemoglobin", value, female.value, unit: "g/dL", origin: "threshold for females")
        case .male?:
            thresholds = [male]
            status = Self.above(value, male.value)
            text = Self.comparisonText("Hemoglobin", value, male.value, unit: "g/dL", origin: "threshold for males")
        case nil:
            thresholds = [female, male]
            if value > male.value {
                status = .met
                text = "Hemoglobin \(formatNumber(value)) g/dL is above both the female (15 g/dL) and male (17 g/dL) thresholds, so sex is not needed"
            } else if value <= female.value {
                status = .notMet
                text = "Hemoglobin \(formatNumber(value)) g/dL is at or below both the female (15 g/dL) and male (17 g/dL) thresholds, so sex is not needed"
            } else {
                status = .unknown
                text = "Hemoglobin \(formatNumber(value)) g/dL is above the female threshold (15 g/dL) but not above the male threshold (17 g/dL); the patient's sex is needed to decide"
            }
        }
        derivations.append(LabDerivation(
            finding: FindingID.polycythemia.rawValue, labField: "hemoglobinGPerDl", value: value, unit: "g/dL",
            comparison: "greater-than", thresholds: thresholds, result: status, applied: applied,
            explanation: text + "."))
        results[.polycythemia] = LabFindingResult(status: status, summary: text, sources: [Self.hemoglobinSource])
    }

    private mutating func derivePlatelets(labs: Labs, settings: EvaluationSettings, applied: Bool) {
        guard let value = labs.plateletCount10e9PerL else { return }
        let limit = settings.thrombocytosisThresholdPerNanoliter
        let isDefault = limit == EvaluationSettings.defaultThrombocytosisThresholdPerNanoliter
        let threshold = LabThreshold(
            value: limit, appliesTo: nil,
            origin: isDefault ? .default : .serverSetting,
            source: isDefault ? Self.plateletDefaultSource : Self.plateletSettingSource)
        let status = Self.above(value, limit)
        let text = Self.comparisonText(
            "Platelet count", value, limit, unit: "× 10^9/L",
            origin: isDefault ? "default threshold, the conventional upper limit" : "threshold set on this server")
        derivations.append(LabDerivation(
            finding: FindingID.thrombocytosis.rawValue, labField: "plateletCount10e9PerL", value: value, unit: "10^9/L",
            comparison: "greater-than", thresholds: [threshold], result: status, applied: applied,
            explanation: text + "."))
        results[.thrombocytosis] = LabFindingResult(status: status, summary: text, sources: [threshold.source])
    }
}
