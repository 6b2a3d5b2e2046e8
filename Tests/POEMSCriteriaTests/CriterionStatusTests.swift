import Testing
@testable import POEMSCriteria

/// Findings JSON that make a criterion met and not met; `{}` leaves it unknown.
let criterionFixtures: [String: (met: String, notMet: String)] = [
    "polyneuropathy": (#"{"polyneuropathy": true}"#, #"{"polyneuropathy": false}"#),
    "monoclonalPlasmaCellDisorder": (#"{"monoclonalPlasmaCellDisorder": true}"#, #"{"monoclonalPlasmaCellDisorder": false}"#),
    "castlemanDisease": (#"{"castlemanDisease": true}"#, #"{"castlemanDisease": false}"#),
    "scleroticBoneLesions": (#"{"scleroticBoneLesions": true}"#, #"{"scleroticBoneLesions": false}"#),
    "vegfElevated": (#"{"vegfElevated": true}"#, #"{"vegfElevated": false}"#),
    "organomegaly": (#"{"organomegaly": {"hepatomegaly": true}}"#, #"{"organomegaly": {"splenomegaly": false, "hepatomegaly": false, "lymphadenopathy": false}}"#),
    "extravascularVolumeOverload": (#"{"extravascularVolumeOverload": {"ascites": true}}"#, #"{"extravascularVolumeOverload": false}"#),
    "endocrinopathy": (#"{"endocrinopathy": {"gonadal": true}}"#, #"{"endocrinopathy": false}"#),
    "skinChanges": (#"{"skinChanges": {"whiteNails": true}}"#, #"{"skinChanges": false}"#),
    "papilledema": (#"{"papilledema": true}"#, #"{"papilledema": false}"#),
    "thrombocytosisOrPolycythemia": (#"{"polycythemia": true}"#, #"{"thrombocytosis": false, "polycythemia": false}"#),
]

@Suite("Every criterion of every set: met, not met, unknown")
struct CriterionStatusTests {
    @Test(arguments: CriteriaSetID.allCases)
    func everyCriterionHasThreeStatuses(set: CriteriaSetID) throws {
        for criterion in CriteriaCatalog.definition(set).criteria {
            let fixture = try #require(criterionFixtures[criterion.id], "no fixture for \(criterion.id)")
            #expect(try evaluate(findings: fixture.met).status(set, criterion.id) == .met, "\(set) \(criterion.id) met")
            #expect(try evaluate(findings: fixture.notMet).status(set, criterion.id) == .notMet, "\(set) \(criterion.id) not met")
            #expect(try evaluate(findings: "{}").status(set, criterion.id) == .unknown, "\(set) \(criterion.id) unknown")
        }
    }

    @Test func givenBasisSaysReported() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "papilledema": false}"#)
        #expect(report.basis(.dispenzieri2003, "polyneuropathy") == "Reported present.")
        #expect(report.basis(.dispenzieri2003, "papilledema") == "Reported absent.")
        #expect(report.basis(.dispenzieri2003, "castlemanDisease") == "Not assessed.")
    }

    @Test func groupedPartsAnyPresentAllAbsentOtherwiseUnknown() throws {
        let partial = try evaluate(findings: #"{"organomegaly": {"splenomegaly": false, "hepatomegaly": false}}"#)
        #expect(partial.status(.dispenzieri2003, "organomegaly") == .unknown)
        #expect(partial.basis(.dispenzieri2003, "organomegaly").contains("not assessed: lymphadenopathy"))
        let present = try evaluate(findings: #"{"organomegaly": {"splenomegaly": true, "hepatomegaly": false}}"#)
        #expect(present.status(.imwg2014, "organomegaly") == .met)
        #expect(present.basis(.imwg2014, "organomegaly") == "Met: splenomegaly reported present.")
        let empty = try evaluate(findings: #"{"organomegaly": {}}"#)
        #expect(empty.status(.suichi2019, "organomegaly") == .unknown)
        let whole = try evaluate(findings: #"{"extravascularVolumeOverload": true}"#)
        #expect(whole.status(.suichi2019, "extravascularVolumeOverload") == .met)
        #expect(whole.basis(.suichi2019, "extravascularVolumeOverload") == "Reported present as a whole.")
    }

    @Test func skinChanges2003CountsOnlyTable1Parts() throws {
        // seed 004, Table 1: five skin parts; acrocyanosis and flushing belong to the updated criteria only.
        let report = try evaluate(findings: #"{"skinChanges": {"hyperpigmentation": false, "hypertrichosis": false, "plethora": false, "hemangiomata": false, "whiteNails": false, "acrocyanosis": true, "flushing": true}}"#)
        #expect(report.status(.dispenzieri2003, "skinChanges") == .notMet)
        let basis = report.basis(.dispenzieri2003, "skinChanges")
        #expect(basis.contains("Acrocyanosis and flushing reported present but not counted"))
        #expect(basis.contains("listed only by the updated criteria"))
        #expect(report.status(.imwg2014, "skinChanges") == .met)
        #expect(report.status(.suichi2019, "skinChanges") == .met)

        let onlyAcrocyanosis = try evaluate(findings: #"{"skinChanges": {"acrocyanosis": true}}"#)
        #expect(onlyAcrocyanosis.status(.dispenzieri2003, "skinChanges") == .unknown)
        #expect(onlyAcrocyanosis.basis(.dispenzieri2003, "skinChanges").contains("Acrocyanosis reported present but not counted"))
        #expect(onlyAcrocyanosis.status(.imwg2014, "skinChanges") == .met)
    }

    @Test(arguments: ["hyperpigmentation", "hypertrichosis", "plethora", "hemangiomata", "whiteNails"])
    func eachTable1SkinPartMeets2003(part: String) throws {
        #expect(try evaluate(findings: #"{"skinChanges": {"\#(part)": true}}"#).status(.dispenzieri2003, "skinChanges") == .met)
    }

    @Test func endocrinopathyThyroidOrDiabetesAloneIsNotSufficient() throws {
        // seed 004, Table 1, footnote ‡
        let onlyBoth = try evaluate(findings: #"{"endocrinopathy": {"adrenal": false, "thyroid": true, "pituitary": false, "gonadal": false, "parathyroid": false, "pancreatic": true}}"#)
        for set in [CriteriaSetID.dispenzieri2003, .imwg2014] {
            #expect(onlyBoth.status(set, "endocrinopathy") == .notMet)
            #expect(onlyBoth.basis(set, "endocrinopathy").contains("alone is not sufficient"))
        }
        #expect(onlyBoth.basis(.dispenzieri2003, "endocrinopathy").contains("footnote ‡"))

        let thyroidQualifyingUnknown = try evaluate(findings: #"{"endocrinopathy": {"thyroid": true}}"#)
        #expect(thyroidQualifyingUnknown.status(.dispenzieri2003, "endocrinopathy") == .unknown)
        #expect(thyroidQualifyingUnknown.basis(.dispenzieri2003, "endocrinopathy").contains("alone is not sufficient"))

        let diabetesAbsentOthers = try evaluate(findings: #"{"endocrinopathy": {"adrenal": false, "pituitary": false, "gonadal": false, "parathyroid": false}}"#)
        #expect(diabetesAbsentOthers.status(.imwg2014, "endocrinopathy") == .notMet)

        let wholeTrue = try evaluate(findings: #"{"endocrinopathy": true}"#)
        #expect(wholeTrue.status(.dispenzieri2003, "endocrinopathy") == .met)
        #expect(wholeTrue.basis(.dispenzieri2003, "endocrinopathy").contains("taken as reported"))
    }

    @Test(arguments: ["adrenal", "pituitary", "gonadal", "parathyroid"])
    func eachQualifyingEndocrinePartMeets(part: String) throws {
        let report = try evaluate(findings: #"{"endocrinopathy": {"\#(part)": true, "thyroid": true}}"#)
        #expect(report.status(.dispenzieri2003, "endocrinopathy") == .met)
        #expect(report.status(.imwg2014, "endocrinopathy") == .met)
        #expect(!report.warningCodes.contains(.endocrinopathyDiabetesThyroidOnly))
    }

    @Test func thrombocytosisOrPolycythemiaIsOneCriterion() throws {
        let either = try evaluate(findings: #"{"thrombocytosis": true, "polycythemia": false}"#)
        #expect(either.status(.imwg2014, "thrombocytosisOrPolycythemia") == .met)
        let oneUnknown = try evaluate(findings: #"{"thrombocytosis": false}"#)
        #expect(oneUnknown.status(.imwg2014, "thrombocytosisOrPolycythemia") == .unknown)
        // Under 2003 they are associations, not criteria.
        #expect(either.status(.dispenzieri2003, "thrombocytosisOrPolycythemia") == nil)
        #expect(either.feature("thrombocytosis")?.status == .met)
        #expect(either.feature("polycythemia")?.status == .notMet)
    }

    @Test func boneLesionExtentAndLightChainAppearInTheBasis() throws {
        let report = try evaluate(findings: #"{"scleroticBoneLesions": true, "boneLesionExtent": "solitary", "monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "lambda"}"#)
        #expect(report.basis(.imwg2014, "scleroticBoneLesions").contains("Extent: solitary."))
        #expect(report.basis(.imwg2014, "monoclonalPlasmaCellDisorder").contains("Light chain: lambda."))
    }

    @Test func associatedFeaturesListEveryFeatureOnce() throws {
        let report = try evaluate(findings: #"{"clubbing": true, "fever": false}"#)
        let ids = report.associatedFeatures.map(\.id)
        #expect(ids == ["clubbing", "weightLoss", "thrombocytosis", "polycythemia", "hyperhidrosis",
                        "pulmonaryHypertension", "restrictiveLungDisease", "thromboticDiathesis", "arthralgias",
                        "cardiomyopathy", "fever", "lowVitaminB12", "diarrhea"])
        #expect(report.feature("clubbing")?.status == .met)
        #expect(report.feature("fever")?.status == .notMet)
        #expect(report.feature("diarrhea")?.status == .unknown)
    }
}
