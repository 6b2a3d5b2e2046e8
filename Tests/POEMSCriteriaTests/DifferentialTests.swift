import Testing
@testable import POEMSCriteria

@Suite("Differential")
struct DifferentialTests {
    func conditions(_ json: String) throws -> [DifferentialCondition] {
        try evaluate(json).differential.map(\.condition)
    }

    @Test func cidpWhenNeuropathyAndIMWGNotMet() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false}"#)
        let entry = try #require(report.differential.first { $0.condition == .cidp })
        #expect(entry.reasons.first?.contains("does-not-meet") == true)
        #expect(entry.toExclude.contains { $0.contains("immunofixation") })
        #expect(entry.sources.contains("seed 002, Differential Diagnoses"))
        #expect(entry.note == DifferentialEntry.notADiagnosis)
        // IMWG 2014 met: CIDP is not raised.
        let poems = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}}"#
        #expect(try !conditions(poems).contains(.cidp))
        // No neuropathy: not raised.
        #expect(try !conditions(#"{"findings": {"polyneuropathy": false}}"#).contains(.cidp))
    }

    @Test func amyloidosisOnBiopsyOrNotLookedFor() throws {
        #expect(try conditions(#"{"findings": {"amyloidOnBiopsy": true}}"#) == [.alAmyloidosis])
        let unlooked = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}}"#
        #expect(try conditions(unlooked).contains(.alAmyloidosis))
        let looked = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "amyloidOnBiopsy": false}}"#
        #expect(try !conditions(looked).contains(.alAmyloidosis))
        let poems = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true}}"#
        #expect(try !conditions(poems).contains(.alAmyloidosis))
    }

    @Test func igmProtein() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "IgM"}"#)
        let entry = try #require(report.differential.first { $0.condition == .igmNeuropathy })
        #expect(entry.reasons.joined().contains("anti-MAG"))
        #expect(entry.sources.joined().contains("Mayo Clin Proc 2017"))
        #expect(try !conditions(#"{"findings": {"monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "IgA"}}"#).contains(.igmNeuropathy))
    }

    @Test func castlemanVariant() throws {
        #expect(try conditions(#"{"findings": {"castlemanDisease": true, "monoclonalPlasmaCellDisorder": false}}"#).contains(.castlemanDiseaseVariant))
        #expect(try !conditions(#"{"findings": {"castlemanDisease": true}}"#).contains(.castlemanDiseaseVariant))
    }

    @Test func noDifferentialWhenNothingIsKnown() throws {
        #expect(try evaluate(findings: "{}").differential.isEmpty)
    }
}
