import Testing
@testable import POEMSCriteria

@Suite("Verdicts and undetermined criteria")
struct VerdictTests {
    @Test func emptyFindingsAreIndeterminateEverywhere() throws {
        let report = try evaluate(findings: "{}")
        for set in CriteriaSetID.allCases {
            #expect(report.verdict(set) == .indeterminate)
            // With nothing known, every criterion can change the verdict.
            #expect(report.undetermined(set) == CriteriaCatalog.definition(set).criteria.map(\.id))
        }
        #expect(report.verdict == .indeterminate)
        // One item per criterion, plus the cardiopulmonary evaluation (seed 003).
        #expect(report.suggestedWorkup.compactMap(\.criterion).count == 11)
        #expect(report.suggestedWorkup.map(\.id).contains("cardiopulmonary-evaluation"))
        #expect(report.warnings.isEmpty)
        #expect(report.derivations.isEmpty)
    }

    // MARK: dispenzieri-2003: both major and at least 1 minor (seed 004, Table 1, footnote *)

    @Test func dispenzieri2003Verdicts() throws {
        let meets = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true}"#)
        #expect(meets.verdict(.dispenzieri2003) == .meets)
        #expect(meets.undetermined(.dispenzieri2003).isEmpty)

        let noMajor = try evaluate(findings: #"{"polyneuropathy": false, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true}"#)
        #expect(noMajor.verdict(.dispenzieri2003) == .doesNotMeet)
        #expect(noMajor.undetermined(.dispenzieri2003).isEmpty)

        let noMinor = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": false, "castlemanDisease": false, "organomegaly": false, "extravascularVolumeOverload": false, "endocrinopathy": false, "skinChanges": false, "papilledema": false}"#)
        #expect(noMinor.verdict(.dispenzieri2003) == .doesNotMeet)

        let majorsOnly = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}"#)
        #expect(majorsOnly.verdict(.dispenzieri2003) == .indeterminate)
        #expect(majorsOnly.undetermined(.dispenzieri2003) == [
            "scleroticBoneLesions", "castlemanDisease", "organomegaly", "extravascularVolumeOverload",
            "endocrinopathy", "skinChanges", "papilledema"])
    }

    // MARK: imwg-2014: both mandatory, ≥1 other major, ≥1 minor (REFERENCES.md)

    @Test func imwg2014Verdicts() throws {
        let meets = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "vegfElevated": true, "thrombocytosis": true}"#)
        #expect(meets.verdict(.imwg2014) == .meets)
        #expect(meets.verdict == .meets)

        let noOtherMajor = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "castlemanDisease": false, "scleroticBoneLesions": false, "vegfElevated": false, "papilledema": true}"#)
        #expect(noOtherMajor.verdict(.imwg2014) == .doesNotMeet)
        #expect(noOtherMajor.undetermined(.imwg2014).isEmpty)

        // Majors and an other-major met, no minor known: every unknown minor is listed.
        let noMinorKnown = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true}"#)
        #expect(noMinorKnown.verdict(.imwg2014) == .indeterminate)
        #expect(noMinorKnown.undetermined(.imwg2014) == [
            "organomegaly", "extravascularVolumeOverload", "endocrinopathy", "skinChanges",
            "papilledema", "thrombocytosisOrPolycythemia"])

        // Only the mandatory major is missing: it alone is listed.
        let onlyMProteinUnknown = try evaluate(findings: #"{"polyneuropathy": true, "scleroticBoneLesions": true, "papilledema": true}"#)
        #expect(onlyMProteinUnknown.verdict(.imwg2014) == .indeterminate)
        #expect(onlyMProteinUnknown.undetermined(.imwg2014) == ["monoclonalPlasmaCellDisorder"])
    }

    // MARK: suichi-2019: all three major and ≥2 minor (REFERENCES.md)

    @Test func suichi2019Verdicts() throws {
        let meets = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "vegfElevated": true, "skinChanges": true, "scleroticBoneLesions": true}"#)
        #expect(meets.verdict(.suichi2019) == .meets)

        let oneMinor = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "vegfElevated": true, "skinChanges": true, "scleroticBoneLesions": false, "organomegaly": false, "extravascularVolumeOverload": false}"#)
        #expect(oneMinor.verdict(.suichi2019) == .doesNotMeet)

        // VEGF unknown, two minors met: only VEGF matters; the other minors cannot change the verdict.
        let vegfUnknown = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "skinChanges": true, "extravascularVolumeOverload": true}"#)
        #expect(vegfUnknown.verdict(.suichi2019) == .indeterminate)
        #expect(vegfUnknown.undetermined(.suichi2019) == ["vegfElevated"])
        #expect(vegfUnknown.suggestedWorkup.map(\.criterion).contains("vegfElevated"))
    }

    @Test func setsDisagree() throws {
        // Polyneuropathy, M-protein and papilledema only.
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "papilledema": true}"#)
        #expect(report.verdict(.dispenzieri2003) == .meets)
        #expect(report.verdict(.imwg2014) == .indeterminate)
        #expect(report.undetermined(.imwg2014) == ["castlemanDisease", "scleroticBoneLesions", "vegfElevated"])
        #expect(report.verdict(.suichi2019) == .indeterminate)

        let ruledOut = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "papilledema": true, "castlemanDisease": false, "scleroticBoneLesions": false, "vegfElevated": false}"#)
        #expect(ruledOut.verdict(.dispenzieri2003) == .meets)
        #expect(ruledOut.verdict(.imwg2014) == .doesNotMeet)
        #expect(ruledOut.verdict(.suichi2019) == .doesNotMeet)
        #expect(ruledOut.warningCodes.contains(.noScleroticLesionOrCastleman))
    }

    @Test(arguments: CriteriaSetID.allCases)
    func headlineSelectsTopLevelVerdict(headline: CriteriaSetID) throws {
        let report = try evaluate(#"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "papilledema": true, "castlemanDisease": false, "scleroticBoneLesions": false, "vegfElevated": false}}"#, headline: headline)
        #expect(report.criteriaSet == headline)
        #expect(report.verdict == report.verdict(headline))
        #expect(report.evaluations.map(\.criteriaSet) == CriteriaSetID.allCases)
        #expect(report.engineVersion == CriteriaEngineVersion.current)
    }

    // MARK: Rule logic

    @Test func atLeastIsKleene() {
        #expect(Rule.atLeast(1, of: [.unknown, .met]) == .met)
        #expect(Rule.atLeast(2, of: [.met, .unknown, .notMet]) == .unknown)
        #expect(Rule.atLeast(2, of: [.met, .notMet, .notMet]) == .notMet)
        #expect(Rule.atLeast(2, of: [.unknown, .unknown]) == .unknown)
    }

    @Test func undeterminedIsExact() {
        let rule = [Requirement(role: .major, minimum: 1, criteria: ["a"]),
                    Requirement(role: .minor, minimum: 2, criteria: ["b", "c", "d"])]
        // a unknown, b met, c and d unknown: all three can change the verdict.
        #expect(Rule.undetermined(rule, statuses: ["b": .met], order: ["a", "b", "c", "d"]) == ["a", "c", "d"])
        // b and c met: the minor clause holds, only a matters.
        #expect(Rule.undetermined(rule, statuses: ["b": .met, "c": .met], order: ["a", "b", "c", "d"]) == ["a"])
        // a not met: does not meet, nothing listed.
        #expect(Rule.undetermined(rule, statuses: ["a": .notMet], order: ["a", "b", "c", "d"]).isEmpty)
    }
}
