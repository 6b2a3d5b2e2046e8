import Foundation
import Testing
@testable import POEMSCriteria

/// Unit refusals (REFERENCES.md, physiological ranges) and the new inputs of issue 9.
@Suite("Input safety")
struct InputSafetyTests {
    @Test(arguments: [
        (#"{"hemoglobinGPerDl": 135}"#, "/labs/hemoglobinGPerDl", "135 looks like g/L"),
        (#"{"hemoglobinGPerDl": 0.5}"#, "/labs/hemoglobinGPerDl", "from 1 to 25"),
        (#"{"plateletCount10e9PerL": 250000}"#, "/labs/plateletCount10e9PerL", "looks like a count per microliter"),
        (#"{"plateletCount10e9PerL": 0}"#, "/labs/plateletCount10e9PerL", "from 1 to 5000"),
        (#"{"plasmaVegfPgPerMl": 100001}"#, "/labs/plasmaVegfPgPerMl", "from 0 to 100000"),
        (#"{"serumVegfPgPerMl": -1}"#, "/labs/serumVegfPgPerMl", "pg/mL"),
        (#"{"calciumMgPerDl": 2.4}"#, "/labs/calciumMgPerDl", "2.4 looks like mmol/L"),
        (#"{"calciumMgPerDl": 26}"#, "/labs/calciumMgPerDl", "from 4 to 25"),
        (#"{"creatinineMgPerDl": 88}"#, "/labs/creatinineMgPerDl", "88 looks like µmol/L"),
        (#"{"creatinineMgPerDl": 0.05}"#, "/labs/creatinineMgPerDl", "from 0.1 to 30"),
        (#"{"boneMarrowPlasmaCellPercent": 101}"#, "/labs/boneMarrowPlasmaCellPercent", "from 0 to 100"),
    ])
    func outOfRangeValuesAreRefused(labs: String, pointer: String, detail: String) throws {
        let failure = try #require(decodingFailure(#"{"findings": {}, "labs": \#(labs)}"#))
        #expect(failure.kind == "dataCorrupted")
        #expect(failure.pointer == pointer)
        #expect(failure.message.contains(detail), "\(failure.message)")
    }

    @Test func rangeBoundsAreInclusive() throws {
        let labs = try #require(try decode(#"{"findings": {}, "labs": {"hemoglobinGPerDl": 25, "plateletCount10e9PerL": 5000, "plasmaVegfPgPerMl": 100000, "calciumMgPerDl": 4, "creatinineMgPerDl": 0.1, "boneMarrowPlasmaCellPercent": 0}}"#).labs)
        #expect(labs.hemoglobinGPerDl == 25 && labs.calciumMgPerDl == 4 && labs.creatinineMgPerDl == 0.1)
        #expect(try decode(#"{"findings": {}, "labs": {"hemoglobinGPerDl": 1, "calciumMgPerDl": 25, "creatinineMgPerDl": 30, "boneMarrowPlasmaCellPercent": 100}}"#).labs?.creatinineMgPerDl == 30)
    }

    @Test func greyZoneHemoglobinAsksForTheSex() throws {
        let report = try evaluate(findings: "{}", labs: #"{"hemoglobinGPerDl": 16, "plateletCount10e9PerL": 300}"#)
        let item = try #require(report.suggestedWorkup.first { $0.criterion == "thrombocytosisOrPolycythemia" })
        #expect(item.name == "the patient's sex")
        #expect(item.test.contains("no new hemoglobin is needed"))
        // With the sex given, the grey zone is decided and no item remains.
        let decided = try evaluate(findings: "{}", labs: #"{"hemoglobinGPerDl": 16, "plateletCount10e9PerL": 300}"#, patient: #"{"sex": "female"}"#)
        #expect(decided.status(.imwg2014, "thrombocytosisOrPolycythemia") == .met)
    }

    @Test func newFindingsDecodeAndRoundTrip() throws {
        let input = try decode(#"{"findings": {"monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "light-chain-only", "amyloidOnBiopsy": false, "mProteinTests": {"serumElectrophoresis": true, "serumImmunofixation": false, "urineImmunofixation": null}}, "labs": {"boneMarrowPlasmaCellPercent": 5, "calciumMgPerDl": 9.5, "creatinineMgPerDl": 0.9}}"#)
        #expect(input.findings.monoclonalHeavyChain == .lightChainOnly)
        #expect(input.findings.mProteinTests?.serumImmunofixation == false)
        #expect(input.findings.mProteinTests?.urineImmunofixation == nil)
        #expect(input.labs?.boneMarrowPlasmaCellPercent == 5)
        let encoded = try JSONEncoder().encode(input)
        #expect(try JSONDecoder().decode(CaseInput.self, from: encoded) == input)
    }

    @Test(arguments: [
        (#"{"monoclonalHeavyChain": "IgD"}"#, "/findings/monoclonalHeavyChain"),
        (#"{"monoclonalPlasmaCellDisorder": false, "monoclonalHeavyChain": "IgG"}"#, "/findings/monoclonalHeavyChain"),
        (#"{"mProteinTests": {"immunofixation": true}}"#, "/findings/mProteinTests/immunofixation"),
        (#"{"mProteinTests": {"serumImmunofixation": "yes"}}"#, "/findings/mProteinTests/serumImmunofixation"),
        (#"{"amyloidOnBiopsy": 1}"#, "/findings/amyloidOnBiopsy"),
    ])
    func badNewFindingsAreRejected(findings: String, pointer: String) throws {
        let failure = try #require(decodingFailure(#"{"findings": \#(findings)}"#))
        #expect(failure.pointer == pointer)
    }
}
