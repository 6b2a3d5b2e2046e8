/// The clinical findings of a case: the `findings` object of the request.
///
/// Every finding is tri-state: `true` present, `false` absent, `nil` (omitted
/// or `null`) not assessed. An empty object is valid: every criterion is then
/// unknown and every verdict indeterminate.
///
/// The grouped findings (`organomegaly`, `extravascularVolumeOverload`,
/// `endocrinopathy`, `skinChanges`) take either a boolean for the whole
/// criterion or an object of parts; see ``GroupedFinding``.
///
/// Decoding rejects, with a `DecodingError` whose `codingPath` points at the
/// offending field:
///
/// - unknown keys, here and inside grouped findings (`dataCorrupted`);
/// - values of the wrong type (`typeMismatch`);
/// - unknown `monoclonalLightChain` or `boneLesionExtent` values;
/// - `boneLesionExtent` given while `scleroticBoneLesions` is `false`;
/// - `monoclonalLightChain` or `monoclonalHeavyChain` given while
///   `monoclonalPlasmaCellDisorder` is `false`;
/// - `mriFocalLesions` that is not a whole number of 0 or more;
/// - `amyloidOnBiopsy: false` while `amyloidBiopsies` lists a biopsy with
///   amyloid.
public struct Findings: Codable, Sendable, Equatable {
    /// Polyneuropathy (seed 004, Table 1: major criterion).
    public var polyneuropathy: Bool?
    /// A monoclonal plasma cell-proliferative disorder (seed 004, Table 1: major criterion).
    public var monoclonalPlasmaCellDisorder: Bool?
    /// The light chain of the clone. Rejected if given while `monoclonalPlasmaCellDisorder` is `false`.
    public var monoclonalLightChain: LightChain?
    /// The heavy-chain class of the M-protein (`"IgG"`, `"IgA"`, `"IgM"`,
    /// `"light-chain-only"`). Rejected if given while
    /// `monoclonalPlasmaCellDisorder` is `false`. See ``MonoclonalHeavyChain``.
    public var monoclonalHeavyChain: MonoclonalHeavyChain?
    /// Which tests looked for the M-protein. See ``MProteinTests``.
    public var mProteinTests: MProteinTests?
    /// Amyloid found on any tissue biopsy (seed 004: POEMS nerve and kidney
    /// biopsies show no amyloid or light-chain deposition; seed 002:
    /// amyloidosis is a differential diagnosis). The summary form of
    /// `amyloidBiopsies`: `true` amyloid found somewhere, `false` looked for
    /// and not found, site not said (a negative biopsy of unknown site leaves
    /// AL amyloidosis open where the picture fits, as a screening biopsy does).
    public var amyloidOnBiopsy: Bool?
    /// Each biopsy examined for amyloid, with its site and result. See ``AmyloidBiopsy``.
    public var amyloidBiopsies: [AmyloidBiopsy]?
    /// Castleman disease (seed 004, Table 1).
    public var castlemanDisease: Bool?
    /// Sclerotic bone lesions (seed 004, Table 1).
    public var scleroticBoneLesions: Bool?
    /// The extent of the sclerotic bone lesions. Rejected if given while `scleroticBoneLesions` is `false`.
    public var boneLesionExtent: BoneLesionExtent?
    /// One or more osteolytic bone lesions on skeletal radiography, CT or
    /// PET-CT: a myeloma-defining event (REFERENCES.md, IMWG 2014). Not the
    /// sclerotic lesions of POEMS: the two are entered apart.
    public var osteolyticBoneLesions: Bool?
    /// The number of focal lesions (5 mm or more) on MRI; more than one is a
    /// myeloma-defining event (REFERENCES.md, IMWG 2014). A whole number, 0 or
    /// more; when the report says "more than one" without a count, send 2 (the
    /// rule asks only whether there is more than one).
    public var mriFocalLesions: Int?
    /// VEGF elevation (REFERENCES.md, updated criteria). When `nil`, derived from `Labs` if possible.
    public var vegfElevated: Bool?
    /// Organomegaly, as a whole or by part.
    public var organomegaly: GroupedFinding<OrganomegalyParts>?
    /// Extravascular volume overload (edema, pleural effusion, ascites), as a whole or by part.
    public var extravascularVolumeOverload: GroupedFinding<ExtravascularVolumeOverloadParts>?
    /// Endocrinopathy, as a whole or by part.
    public var endocrinopathy: GroupedFinding<EndocrinopathyParts>?
    /// Skin changes, as a whole or by part.
    public var skinChanges: GroupedFinding<SkinChangesParts>?
    /// Papilledema (seed 004, Table 1).
    public var papilledema: Bool?
    /// Thrombocytosis. When `nil`, derived from the platelet count if given.
    public var thrombocytosis: Bool?
    /// Polycythemia. When `nil`, derived from hemoglobin (and sex) if given.
    public var polycythemia: Bool?
    /// Clubbing (seed 004, Table 1: known association).
    public var clubbing: Bool?
    /// Weight loss (seed 004, Table 1: known association).
    public var weightLoss: Bool?
    /// Hyperhidrosis (seed 004, Table 1: known association).
    public var hyperhidrosis: Bool?
    /// Pulmonary hypertension (seed 004, Table 1: possible association).
    public var pulmonaryHypertension: Bool?
    /// Restrictive lung disease (seed 004, Table 1: possible association).
    public var restrictiveLungDisease: Bool?
    /// Thrombotic diatheses (seed 004, Table 1: possible association).
    public var thromboticDiathesis: Bool?
    /// Arthralgias (seed 004, Table 1: possible association).
    public var arthralgias: Bool?
    /// Cardiomyopathy (systolic dysfunction) (seed 004, Table 1: possible association).
    public var cardiomyopathy: Bool?
    /// Fever (seed 004, Table 1: possible association).
    public var fever: Bool?
    /// Low vitamin B12 values (seed 004, Table 1: possible association).
    public var lowVitaminB12: Bool?
    /// Diarrhea (seed 004, Table 1: possible association).
    public var diarrhea: Bool?

    public init(
        polyneuropathy: Bool? = nil,
        monoclonalPlasmaCellDisorder: Bool? = nil,
        monoclonalLightChain: LightChain? = nil,
        monoclonalHeavyChain: MonoclonalHeavyChain? = nil,
        mProteinTests: MProteinTests? = nil,
        amyloidOnBiopsy: Bool? = nil,
        amyloidBiopsies: [AmyloidBiopsy]? = nil,
        castlemanDisease: Bool? = nil,
        scleroticBoneLesions: Bool? = nil,
        boneLesionExtent: BoneLesionExtent? = nil,
        osteolyticBoneLesions: Bool? = nil,
        mriFocalLesions: Int? = nil,
        vegfElevated: Bool? = nil,
        organomegaly: GroupedFinding<OrganomegalyParts>? = nil,
        extravascularVolumeOverload: GroupedFinding<ExtravascularVolumeOverloadParts>? = nil,
        endocrinopathy: GroupedFinding<EndocrinopathyParts>? = nil,
        skinChanges: GroupedFinding<SkinChangesParts>? = nil,
        papilledema: Bool? = nil,
        thrombocytosis: Bool? = nil,
        polycythemia: Bool? = nil,
        clubbing: Bool? = nil,
        weightLoss: Bool? = nil,
        hyperhidrosis: Bool? = nil,
        pulmonaryHypertension: Bool? = nil,
        restrictiveLungDisease: Bool? = nil,
        thromboticDiathesis: Bool? = nil,
        arthralgias: Bool? = nil,
        cardiomyopathy: Bool? = nil,
        fever: Bool? = nil,
        lowVitaminB12: Bool? = nil,
        diarrhea: Bool? = nil)
    {
        self.polyneuropathy = polyneuropathy
        self.monoclonalPlasmaCellDisorder = monoclonalPlasmaCellDisorder
        self.monoclonalLightChain = monoclonalLightChain
        self.monoclonalHeavyChain = monoclonalHeavyChain
        self.mProteinTests = mProteinTests
        self.amyloidOnBiopsy = amyloidOnBiopsy
        self.amyloidBiopsies = amyloidBiopsies
        self.castlemanDisease = castlemanDisease
        self.scleroticBoneLesions = scleroticBoneLesions
        self.boneLesionExtent = boneLesionExtent
        self.osteolyticBoneLesions = osteolyticBoneLesions
        self.mriFocalLesions = mriFocalLesions
        self.vegfElevated = vegfElevated
        self.organomegaly = organomegaly
        self.extravascularVolumeOverload = extravascularVolumeOverload
        self.endocrinopathy = endocrinopathy
        self.skinChanges = skinChanges
        self.papilledema = papilledema
        self.thrombocytosis = thrombocytosis
        self.polycythemia = polycythemia
        self.clubbing = clubbing
        self.weightLoss = weightLoss
        self.hyperhidrosis = hyperhidrosis
        self.pulmonaryHypertension = pulmonaryHypertension
        self.restrictiveLungDisease = restrictiveLungDisease
        self.thromboticDiathesis = thromboticDiathesis
        self.arthralgias = arthralgias
        self.cardiomyopathy = cardiomyopathy
        self.fever = fever
        self.lowVitaminB12 = lowVitaminB12
        self.diarrhea = diarrhea
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case polyneuropathy
        case monoclonalPlasmaCellDisorder
        case monoclonalLightChain
        case monoclonalHeavyChain
        case mProteinTests
        case amyloidOnBiopsy
        case amyloidBiopsies
        case castlemanDisease
        case scleroticBoneLesions
        case boneLesionExtent
        case osteolyticBoneLesions
        case mriFocalLesions
        case vegfElevated
        case organomegaly
        case extravascularVolumeOverload
        case endocrinopathy
        case skinChanges
        case papilledema
        case thrombocytosis
        case polycythemia
        case clubbing
        case weightLoss
        case hyperhidrosis
        case pulmonaryHypertension
        case restrictiveLungDisease
        case thromboticDiathesis
        case arthralgias
        case cardiomyopathy
        case fever
        case lowVitaminB12
        case diarrhea
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "findings")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        polyneuropathy = try container.decodeIfPresent(Bool.self, forKey: .polyneuropathy)
        monoclonalPlasmaCellDisorder = try container.decodeIfPresent(Bool.self, forKey: .monoclonalPlasmaCellDisorder)
        monoclonalLightChain = try container.decodeIfPresent(LightChain.self, forKey: .monoclonalLightChain)
        monoclonalHeavyChain = try container.decodeIfPresent(MonoclonalHeavyChain.self, forKey: .monoclonalHeavyChain)
        mProteinTests = try container.decodeIfPresent(MProteinTests.self, forKey: .mProteinTests)
        amyloidOnBiopsy = try container.decodeIfPresent(Bool.self, forKey: .amyloidOnBiopsy)
        amyloidBiopsies = try container.decodeIfPresent([AmyloidBiopsy].self, forKey: .amyloidBiopsies)
        castlemanDisease = try container.decodeIfPresent(Bool.self, forKey: .castlemanDisease)
        scleroticBoneLesions = try container.decodeIfPresent(Bool.self, forKey: .scleroticBoneLesions)
        boneLesionExtent = try container.decodeIfPresent(BoneLesionExtent.self, forKey: .boneLesionExtent)
        osteolyticBoneLesions = try container.decodeIfPresent(Bool.self, forKey: .osteolyticBoneLesions)
        if let count = try container.decodeIfPresent(Double.self, forKey: .mriFocalLesions) {
            guard let whole = Self.lesionCount(count) else {
                throw DecodingError.dataCorruptedError(forKey: .mriFocalLesions, in: container, debugDescription: Self.lesionCountProblem(count))
            }
            mriFocalLesions = whole
        }
        vegfElevated = try container.decodeIfPresent(Bool.self, forKey: .vegfElevated)
        organomegaly = try container.decodeIfPresent(GroupedFinding<OrganomegalyParts>.self, forKey: .organomegaly)
        extravascularVolumeOverload = try container.decodeIfPresent(GroupedFinding<ExtravascularVolumeOverloadParts>.self, forKey: .extravascularVolumeOverload)
        endocrinopathy = try container.decodeIfPresent(GroupedFinding<EndocrinopathyParts>.self, forKey: .endocrinopathy)
        skinChanges = try container.decodeIfPresent(GroupedFinding<SkinChangesParts>.self, forKey: .skinChanges)
        papilledema = try container.decodeIfPresent(Bool.self, forKey: .papilledema)
        thrombocytosis = try container.decodeIfPresent(Bool.self, forKey: .thrombocytosis)
        polycythemia = try container.decodeIfPresent(Bool.self, forKey: .polycythemia)
        clubbing = try container.decodeIfPresent(Bool.self, forKey: .clubbing)
        weightLoss = try container.decodeIfPresent(Bool.self, forKey: .weightLoss)
        hyperhidrosis = try container.decodeIfPresent(Bool.self, forKey: .hyperhidrosis)
        pulmonaryHypertension = try container.decodeIfPresent(Bool.self, forKey: .pulmonaryHypertension)
        restrictiveLungDisease = try container.decodeIfPresent(Bool.self, forKey: .restrictiveLungDisease)
        thromboticDiathesis = try container.decodeIfPresent(Bool.self, forKey: .thromboticDiathesis)
        arthralgias = try container.decodeIfPresent(Bool.self, forKey: .arthralgias)
        cardiomyopathy = try container.decodeIfPresent(Bool.self, forKey: .cardiomyopathy)
        fever = try container.decodeIfPresent(Bool.self, forKey: .fever)
        lowVitaminB12 = try container.decodeIfPresent(Bool.self, forKey: .lowVitaminB12)
        diarrhea = try container.decodeIfPresent(Bool.self, forKey: .diarrhea)

        if let (key, message) = contradiction {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
        }
    }

    /// The first field that contradicts another, with the message: an
    /// extent of lesions reported absent, a light or heavy chain of a clone
    /// reported absent.
    var contradiction: (CodingKeys, String)? {
        if boneLesionExtent != nil, scleroticBoneLesions == false {
            return (.boneLesionExtent, "boneLesionExtent is given but scleroticBoneLesions is false. Remove the extent, or correct scleroticBoneLesions.")
        }
        if monoclonalLightChain != nil, monoclonalPlasmaCellDisorder == false {
            return (.monoclonalLightChain, "monoclonalLightChain is given but monoclonalPlasmaCellDisorder is false. Remove the light chain, or correct monoclonalPlasmaCellDisorder.")
        }
        if monoclonalHeavyChain != nil, monoclonalPlasmaCellDisorder == false {
            return (.monoclonalHeavyChain, "monoclonalHeavyChain is given but monoclonalPlasmaCellDisorder is false. Remove the heavy chain, or correct monoclonalPlasmaCellDisorder.")
        }
        if amyloidOnBiopsy == false, amyloidBiopsies?.contains(where: { $0.result == .amyloid }) == true {
            return (.amyloidOnBiopsy, "amyloidOnBiopsy is false but amyloidBiopsies lists a biopsy with amyloid. Correct one of them, or omit amyloidOnBiopsy (it summarizes amyloidBiopsies).")
        }
        return nil
    }

    /// A count of lesions read as a number: the whole number, or `nil` if it
    /// is negative, fractional or too large.
    static func lesionCount(_ value: Double) -> Int? {
        guard value >= 0, value <= 1_000_000 else { return nil }
        return Int(exactly: value)
    }

    static func lesionCountProblem(_ value: Double) -> String {
        "mriFocalLesions must be a whole number of focal lesions on MRI, 0 or more (send 2 when the report says more than one without a count); got \(formatNumber(value))."
    }
}
