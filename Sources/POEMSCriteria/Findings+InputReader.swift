/// ``Findings`` read by ``CaseInputReader``: the fields in the order, and
/// with the checks, of `Findings.init(from:)`.
extension Findings {
    static let inputKeys = InputKeyNames<CodingKeys>()

    init(reading object: InputObject<CodingKeys>) throws(DecodingError) {
        polyneuropathy = try object.bool(.polyneuropathy)
        monoclonalPlasmaCellDisorder = try object.bool(.monoclonalPlasmaCellDisorder)
        monoclonalLightChain = try object.strictEnum(LightChain.self, .monoclonalLightChain, fieldName: "monoclonalLightChain")
        monoclonalHeavyChain = try object.strictEnum(MonoclonalHeavyChain.self, .monoclonalHeavyChain, fieldName: "monoclonalHeavyChain")
        mProteinTests = try object.nested(.mProteinTests, names: MProteinTests.inputKeys, objectName: "mProteinTests")
            .map { tests throws(DecodingError) in try MProteinTests(reading: tests) }
        amyloidOnBiopsy = try object.bool(.amyloidOnBiopsy)
        amyloidBiopsies = try object.array(.amyloidBiopsies)?.enumerated().map { index, element throws(DecodingError) in
            let biopsy = try InputObject<AmyloidBiopsy.CodingKeys>(
                element, at: object.path(.amyloidBiopsies) + [AnyCodingKey(intValue: index)!], in: object.document,
                names: AmyloidBiopsy.inputKeys, objectName: "an amyloid biopsy")
            return AmyloidBiopsy(
                site: try biopsy.requiredStrictEnum(AmyloidBiopsySite.self, .site, fieldName: "site"),
                result: try biopsy.requiredStrictEnum(AmyloidBiopsyResult.self, .result, fieldName: "result"))
        }
        castlemanDisease = try object.bool(.castlemanDisease)
        scleroticBoneLesions = try object.bool(.scleroticBoneLesions)
        boneLesionExtent = try object.strictEnum(BoneLesionExtent.self, .boneLesionExtent, fieldName: "boneLesionExtent")
        osteolyticBoneLesions = try object.bool(.osteolyticBoneLesions)
        if let count = try object.double(.mriFocalLesions) {
            guard let whole = Self.lesionCount(count) else { throw object.corrupted(.mriFocalLesions, Self.lesionCountProblem(count)) }
            mriFocalLesions = whole
        }
        vegfElevated = try object.bool(.vegfElevated)
        organomegaly = try object.group(.organomegaly, names: OrganomegalyParts.inputKeys) { parts throws(DecodingError) in
            OrganomegalyParts(
                splenomegaly: try parts.bool(.splenomegaly), hepatomegaly: try parts.bool(.hepatomegaly),
                lymphadenopathy: try parts.bool(.lymphadenopathy))
        }
        extravascularVolumeOverload = try object.group(.extravascularVolumeOverload, names: ExtravascularVolumeOverloadParts.inputKeys) {
            parts throws(DecodingError) in
            ExtravascularVolumeOverloadParts(
                peripheralEdema: try parts.bool(.peripheralEdema), pleuralEffusion: try parts.bool(.pleuralEffusion),
                ascites: try parts.bool(.ascites))
        }
        endocrinopathy = try object.group(.endocrinopathy, names: EndocrinopathyParts.inputKeys) { parts throws(DecodingError) in
            EndocrinopathyParts(
                adrenal: try parts.bool(.adrenal), thyroid: try parts.bool(.thyroid), pituitary: try parts.bool(.pituitary),
                gonadal: try parts.bool(.gonadal), parathyroid: try parts.bool(.parathyroid), pancreatic: try parts.bool(.pancreatic))
        }
        skinChanges = try object.group(.skinChanges, names: SkinChangesParts.inputKeys) { parts throws(DecodingError) in
            SkinChangesParts(
                hyperpigmentation: try parts.bool(.hyperpigmentation), hypertrichosis: try parts.bool(.hypertrichosis),
                hemangiomata: try parts.bool(.hemangiomata), plethora: try parts.bool(.plethora),
                acrocyanosis: try parts.bool(.acrocyanosis), flushing: try parts.bool(.flushing), whiteNails: try parts.bool(.whiteNails))
        }
        papilledema = try object.bool(.papilledema)
        thrombocytosis = try object.bool(.thrombocytosis)
        polycythemia = try object.bool(.polycythemia)
        clubbing = try object.bool(.clubbing)
        weightLoss = try object.bool(.weightLoss)
        hyperhidrosis = try object.bool(.hyperhidrosis)
        pulmonaryHypertension = try object.bool(.pulmonaryHypertension)
        restrictiveLungDisease = try object.bool(.restrictiveLungDisease)
        thromboticDiathesis = try object.bool(.thromboticDiathesis)
        arthralgias = try object.bool(.arthralgias)
        cardiomyopathy = try object.bool(.cardiomyopathy)
        fever = try object.bool(.fever)
        lowVitaminB12 = try object.bool(.lowVitaminB12)
        diarrhea = try object.bool(.diarrhea)
        if let (key, message) = contradiction { throw object.corrupted(key, message) }
    }
}

extension MProteinTests {
    static let inputKeys = InputKeyNames<CodingKeys>()

    init(reading object: InputObject<CodingKeys>) throws(DecodingError) {
        self.init(
            serumElectrophoresis: try object.bool(.serumElectrophoresis), serumImmunofixation: try object.bool(.serumImmunofixation),
            urineImmunofixation: try object.bool(.urineImmunofixation), serumFreeLightChains: try object.bool(.serumFreeLightChains),
            lesionBiopsy: try object.bool(.lesionBiopsy))
    }
}

extension AmyloidBiopsy { static let inputKeys = InputKeyNames<CodingKeys>() }
extension OrganomegalyParts { static let inputKeys = InputKeyNames<CodingKeys>() }
extension ExtravascularVolumeOverloadParts { static let inputKeys = InputKeyNames<CodingKeys>() }
extension EndocrinopathyParts { static let inputKeys = InputKeyNames<CodingKeys>() }
extension SkinChangesParts { static let inputKeys = InputKeyNames<CodingKeys>() }

extension InputObject {
    /// A grouped finding, as `GroupedFinding.init(from:)` reads it: a
    /// boolean for the whole, or an object of parts read by `parts`.
    func group<Parts: FindingParts, PartKeys>(
        _ key: Keys, names: InputKeyNames<PartKeys>, _ parts: (InputObject<PartKeys>) throws(DecodingError) -> Parts
    ) throws(DecodingError) -> GroupedFinding<Parts>? {
        switch value(key) {
        case nil, .null?: return nil
        case .bool(let whole)?: return .whole(whole)
        case let value? where value.isObject:
            let object: InputObject<PartKeys>
            do {
                object = try InputObject<PartKeys>(value, at: path(key), in: document, names: names, objectName: Parts.groupID)
            } catch .dataCorrupted(let context) where context.codingPath.isEmpty {
                // `GroupedFinding.init(from:)` tries the object with `try?`: a
                // name that is not a valid string makes it "not an object".
                throw GroupedFinding<Parts>.mismatch(at: path(key))
            }
            return .parts(try parts(object))
        default: throw GroupedFinding<Parts>.mismatch(at: path(key))
        }
    }
}

extension InputJSON {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
