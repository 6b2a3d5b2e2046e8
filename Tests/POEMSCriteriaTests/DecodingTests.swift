import Foundation
import Testing
@testable import POEMSCriteria

@Suite("Request decoding")
struct DecodingTests {
    @Test func fullExampleDecodes() throws {
        let input = try decode("""
        {"patient": {"sex": "female", "ageYears": 52},
         "findings": {
           "polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "lambda",
           "castlemanDisease": false, "scleroticBoneLesions": true, "boneLesionExtent": "solitary",
           "vegfElevated": true,
           "organomegaly": {"splenomegaly": true, "hepatomegaly": false, "lymphadenopathy": null},
           "extravascularVolumeOverload": {"peripheralEdema": true, "pleuralEffusion": false, "ascites": false},
           "endocrinopathy": {"adrenal": false, "thyroid": true, "pituitary": false, "gonadal": true, "parathyroid": false, "pancreatic": false},
           "skinChanges": {"hyperpigmentation": true, "hypertrichosis": false, "hemangiomata": false, "plethora": false, "acrocyanosis": false, "flushing": false, "whiteNails": false},
           "papilledema": false, "thrombocytosis": true, "polycythemia": false,
           "clubbing": false, "weightLoss": true, "hyperhidrosis": false, "pulmonaryHypertension": false, "restrictiveLungDisease": false,
           "thromboticDiathesis": false, "arthralgias": false, "cardiomyopathy": false, "fever": false, "lowVitaminB12": false, "diarrhea": false
         },
         "labs": {"serumVegfPgPerMl": 2400, "plasmaVegfPgPerMl": null, "vegfUpperLimitPgPerMl": null, "plateletCount10e9PerL": 520, "hemoglobinGPerDl": 14.2}}
        """)
        #expect(input.patient == Patient(sex: .female, ageYears: 52))
        #expect(input.findings.monoclonalLightChain == .lambda)
        #expect(input.findings.boneLesionExtent == .solitary)
        #expect(input.findings.organomegaly == .parts(OrganomegalyParts(splenomegaly: true, hepatomegaly: false, lymphadenopathy: nil)))
        #expect(input.findings.endocrinopathy == .parts(EndocrinopathyParts(
            adrenal: false, thyroid: true, pituitary: false, gonadal: true, parathyroid: false, pancreatic: false)))
        #expect(input.labs?.serumVegfPgPerMl == 2400)
        #expect(input.labs?.plasmaVegfPgPerMl == nil)
        #expect(input.findings.diarrhea == false)
    }

    @Test func emptyFindingsAndNullsDecodeAsNotAssessed() throws {
        let empty = try decode(#"{"findings": {}}"#)
        #expect(empty == CaseInput(findings: Findings()))
        let nulls = try decode(#"{"findings": {"papilledema": null, "organomegaly": null}, "patient": null, "labs": null}"#)
        #expect(nulls.findings.papilledema == nil)
        #expect(nulls.findings.organomegaly == nil)
        #expect(nulls.patient == nil)
    }

    @Test func groupedFindingAcceptsWholeBoolean() throws {
        let input = try decode(#"{"findings": {"skinChanges": true, "organomegaly": false}}"#)
        #expect(input.findings.skinChanges == .whole(true))
        #expect(input.findings.organomegaly == .whole(false))
    }

    @Test func roundTripsThroughJSON() throws {
        let input = try decode(#"{"patient": {"sex": "male"}, "findings": {"skinChanges": {"plethora": true}, "endocrinopathy": true, "polyneuropathy": false}, "labs": {"hemoglobinGPerDl": 18}}"#)
        let data = try JSONEncoder().encode(input)
        #expect(try JSONDecoder().decode(CaseInput.self, from: data) == input)
    }

    @Test func missingFindingsIsRejected() throws {
        let failure = try #require(decodingFailure(#"{"patient": {"sex": "male"}}"#))
        #expect(failure.kind == "keyNotFound")
        #expect(failure.pointer == "/findings")
    }

    @Test func misspeltFindingIsRejectedWithItsPointer() throws {
        let failure = try #require(decodingFailure(#"{"findings": {"polyneuropahty": true}}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == "/findings/polyneuropahty")
        #expect(failure.message.contains(#"unknown field "polyneuropahty""#))
        #expect(failure.message.contains(#"Did you mean "polyneuropathy"?"#))
    }

    @Test func misspeltPartIsRejectedWithItsPointer() throws {
        let failure = try #require(decodingFailure(#"{"findings": {"organomegaly": {"splenomegally": true}}}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == "/findings/organomegaly/splenomegally")
        #expect(failure.message.contains(#"unknown field "splenomegally""#))
        #expect(failure.message.contains(#""splenomegaly""#))
    }

    @Test(arguments: [
        (#"{"findings": {"endocrinopathy": {"diabetes": true}}}"#, "/findings/endocrinopathy/diabetes"),
        (#"{"findings": {"skinChanges": {"telangiectasia": true}}}"#, "/findings/skinChanges/telangiectasia"),
        (#"{"findings": {"extravascularVolumeOverload": {"edema": true}}}"#, "/findings/extravascularVolumeOverload/edema"),
    ])
    func unknownPartsOfEveryGroupAreRejected(json: String, pointer: String) throws {
        let failure = try #require(decodingFailure(json))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == pointer)
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let failure = try #require(decodingFailure(#"{"findings": {}, "lab": {"hemoglobinGPerDl": 12}}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == "/lab")
        #expect(failure.message.contains(#"Did you mean "labs"?"#))
    }

    @Test func unknownPatientAndLabsKeysAreRejected() throws {
        #expect(decodingFailure(#"{"findings": {}, "patient": {"gender": "male"}}"#)?.pointer == "/patient/gender")
        #expect(decodingFailure(#"{"findings": {}, "labs": {"plateletCount": 500}}"#)?.pointer == "/labs/plateletCount")
    }

    @Test func severalUnknownKeysReportTheFirstAlphabetically() throws {
        let failure = try #require(decodingFailure(#"{"findings": {"zeta": true, "alpha": true}}"#))
        #expect(failure.pointer == "/findings/alpha")
    }

    @Test(arguments: [
        (#"{"findings": {"papilledema": "yes"}}"#, "/findings/papilledema"),
        (#"{"findings": {"skinChanges": "yes"}}"#, "/findings/skinChanges"),
        (#"{"findings": {"skinChanges": {"plethora": 1}}}"#, "/findings/skinChanges/plethora"),
        (#"{"findings": {}, "labs": {"hemoglobinGPerDl": "high"}}"#, "/labs/hemoglobinGPerDl"),
        (#"{"findings": []}"#, "/findings"),
    ])
    func wrongTypesAreRejected(json: String, pointer: String) throws {
        let failure = try #require(decodingFailure(json))
        #expect(failure.kind == "typeMismatch")
        #expect(failure.pointer == pointer)
    }

    @Test func groupTypeMismatchExplainsBothForms() throws {
        let failure = try #require(decodingFailure(#"{"findings": {"organomegaly": 3}}"#))
        #expect(failure.message.contains("true, false, null, or an object of its parts"))
    }

    @Test(arguments: [
        (#"{"findings": {}, "patient": {"sex": "f"}}"#, "/patient/sex", #""female", "male""#),
        (#"{"findings": {"monoclonalLightChain": "mu"}}"#, "/findings/monoclonalLightChain", #""lambda", "kappa""#),
        (#"{"findings": {"boneLesionExtent": "diffuse"}}"#, "/findings/boneLesionExtent", #""solitary", "limited", "widespread""#),
    ])
    func unknownEnumValuesAreRejectedListingAllowedValues(json: String, pointer: String, allowed: String) throws {
        let failure = try #require(decodingFailure(json))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == pointer)
        #expect(failure.message.contains(allowed))
    }

    @Test(arguments: [
        (#"{"findings": {}, "labs": {"plateletCount10e9PerL": -1}}"#, "/labs/plateletCount10e9PerL"),
        (#"{"findings": {}, "labs": {"serumVegfPgPerMl": -0.5}}"#, "/labs/serumVegfPgPerMl"),
        (#"{"findings": {}, "labs": {"plasmaVegfPgPerMl": -3}}"#, "/labs/plasmaVegfPgPerMl"),
        (#"{"findings": {}, "labs": {"hemoglobinGPerDl": -12}}"#, "/labs/hemoglobinGPerDl"),
        (#"{"findings": {}, "labs": {"vegfUpperLimitPgPerMl": 0}}"#, "/labs/vegfUpperLimitPgPerMl"),
        (#"{"findings": {}, "labs": {"vegfUpperLimitPgPerMl": -10}}"#, "/labs/vegfUpperLimitPgPerMl"),
        (#"{"findings": {}, "patient": {"ageYears": -1}}"#, "/patient/ageYears"),
        (#"{"findings": {}, "patient": {"ageYears": 151}}"#, "/patient/ageYears"),
    ])
    func impossibleValuesAreRejected(json: String, pointer: String) throws {
        let failure = try #require(decodingFailure(json))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == pointer)
    }

    @Test func boundaryValuesAreAccepted() throws {
        let input = try decode(#"{"findings": {}, "patient": {"ageYears": 150}, "labs": {"plateletCount10e9PerL": 1, "vegfUpperLimitPgPerMl": 0.1}}"#)
        #expect(input.patient?.ageYears == 150)
        #expect(input.labs?.plateletCount10e9PerL == 1)
        #expect(try decode(#"{"findings": {}, "patient": {"ageYears": 0}}"#).patient?.ageYears == 0)
    }

    @Test func boneLesionExtentWithoutLesionsIsRejected() throws {
        let failure = try #require(decodingFailure(#"{"findings": {"scleroticBoneLesions": false, "boneLesionExtent": "solitary"}}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == "/findings/boneLesionExtent")
        #expect(failure.message.contains("scleroticBoneLesions is false"))
        // Extent with lesions present or not assessed is fine.
        #expect(try decode(#"{"findings": {"scleroticBoneLesions": true, "boneLesionExtent": "widespread"}}"#).findings.boneLesionExtent == .widespread)
        #expect(try decode(#"{"findings": {"boneLesionExtent": "limited"}}"#).findings.boneLesionExtent == .limited)
    }

    @Test func lightChainWithoutMonoclonalDisorderIsRejected() throws {
        let failure = try #require(decodingFailure(#"{"findings": {"monoclonalPlasmaCellDisorder": false, "monoclonalLightChain": "lambda"}}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == "/findings/monoclonalLightChain")
        #expect(failure.message.contains("monoclonalPlasmaCellDisorder is false"))
        #expect(try decode(#"{"findings": {"monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "kappa"}}"#).findings.monoclonalLightChain == .kappa)
    }

    @Test func laboratoryLimitWithBothVEGFAssaysIsRejected() throws {
        let failure = try #require(decodingFailure(#"{"findings": {}, "labs": {"serumVegfPgPerMl": 900, "plasmaVegfPgPerMl": 150, "vegfUpperLimitPgPerMl": 100}}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == "/labs/vegfUpperLimitPgPerMl")
        #expect(failure.message.contains("ambiguous"))
        // With one assay the limit is accepted.
        #expect(try decode(#"{"findings": {}, "labs": {"serumVegfPgPerMl": 900, "vegfUpperLimitPgPerMl": 100}}"#).labs?.vegfUpperLimitPgPerMl == 100)
    }
}
