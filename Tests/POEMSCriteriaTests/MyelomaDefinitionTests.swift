import Testing
@testable import POEMSCriteria

/// Issue 21: multiple myeloma by its IMWG 2014 definition (REFERENCES.md,
/// Telling POEMS from its mimics): the requirement (clonal marrow plasma
/// cells 10% or more, or a plasmacytoma) with a myeloma-defining event.
@Suite("Multiple myeloma by its definition")
struct MyelomaDefinitionTests {
    static let m = #""polyneuropathy": true, "monoclonalPlasmaCellDisorder": true"#

    func report(findings: String = "", labs: String) throws -> EvaluationReport {
        try evaluate(#"{"findings": {\#(Self.m)\#(findings)}, "labs": \#(labs)}"#)
    }

    /// Each kind of myeloma-defining event, at and beyond its boundary,
    /// with marrow not examined: the event alone opens the entry.
    @Test func eachDefiningEventAtItsBoundary() throws {
        for (findings, labs, expected) in [
            ("", #"{"calciumMgPerDl": 11.1}"#, true), ("", #"{"calciumMgPerDl": 11}"#, false),
            ("", #"{"creatinineMgPerDl": 2.1}"#, true), ("", #"{"creatinineMgPerDl": 2}"#, false),
            ("", #"{"hemoglobinGPerDl": 9.9}"#, true), ("", #"{"hemoglobinGPerDl": 10}"#, false),
            (#", "osteolyticBoneLesions": true"#, "{}", true), (#", "osteolyticBoneLesions": false"#, "{}", false),
            ("", #"{"boneMarrowPlasmaCellPercent": 60}"#, true), ("", #"{"boneMarrowPlasmaCellPercent": 59.9}"#, false),
            ("", #"{"serumFreeLightChainRatio": 100, "involvedFreeLightChainMgPerL": 100}"#, true),
            ("", #"{"serumFreeLightChainRatio": 99.9, "involvedFreeLightChainMgPerL": 500}"#, false),
            ("", #"{"serumFreeLightChainRatio": 400, "involvedFreeLightChainMgPerL": 99}"#, false),
            ("", #"{"serumFreeLightChainRatio": 400}"#, false),
            (#", "mriFocalLesions": 2"#, "{}", true), (#", "mriFocalLesions": 1"#, "{}", false),
        ] as [(String, String, Bool)] {
            let report = try report(findings: findings, labs: labs)
            #expect(report.differential.contains { $0.condition == .multipleMyeloma } == expected, "\(findings) \(labs)")
            let warning = report.warnings.first { $0.code == .myelomaDefiningEvent }
            #expect((warning != nil) == expected, "\(findings) \(labs)")
            #expect(warning.map { $0.severity == .critical } ?? true)
            #expect((report.suggestedWorkup.first?.id == "myeloma-staging") == expected, "\(findings) \(labs)")
        }
    }

    @Test func twelvePercentMarrowIsTheRequirementNotAnEvent() throws {
        let report = try report(labs: #"{"boneMarrowPlasmaCellPercent": 12}"#)
        #expect(!report.differential.contains { $0.condition == .multipleMyeloma })
        #expect(!report.warningCodes.contains(.myelomaDefiningEvent))
        let derivation = try #require(report.derivations.first { $0.finding == "marrowPlasmaCells10PercentOrMore" })
        #expect(derivation.result == .met)
        #expect(derivation.explanation.contains("requirement for multiple myeloma, not a myeloma-defining event"))
        // Nowhere is 10% or more called myeloma-defining.
        let text = (report.derivations.map(\.explanation) + report.warnings.map(\.message) + report.suggestedWorkup.map(\.test)).joined()
        #expect(!text.contains("is a myeloma-defining feature"))
        // With an event, both parts: the entry opens and says so.
        let both = try self.report(labs: #"{"boneMarrowPlasmaCellPercent": 12, "calciumMgPerDl": 12.4}"#)
        let entry = try #require(both.differential.first { $0.condition == .multipleMyeloma })
        #expect(entry.reasons.joined().contains("Calcium 12.4 mg/dL is above 11 mg/dL"))
        #expect(entry.reasons.joined().contains("The requirement is met: clonal bone-marrow plasma cells 12%"))
        #expect(entry.reasons.joined().contains("Both parts of the IMWG 2014 definition are present"))
    }

    @Test func sixtyFivePercentMarrowWarnsEvenWithPOEMSMet() throws {
        let report = try evaluate(#"{"findings": {\#(Self.m), "monoclonalLightChain": "lambda", "scleroticBoneLesions": true, "papilledema": true, "amyloidOnBiopsy": false}, "labs": {"boneMarrowPlasmaCellPercent": 65}}"#)
        #expect(report.verdict(.imwg2014) == .meets)
        #expect(report.verdict(.dispenzieri2003) == .meets)
        let warning = try #require(report.warnings.first { $0.code == .myelomaDefiningEvent })
        #expect(warning.severity == .critical)
        #expect(warning.message.contains("65% is at or above 60%"))
        #expect(warning.message.contains("The Dispenzieri 2003 and IMWG 2014 POEMS criteria are met as well"))
        #expect(report.differential.map(\.condition) == [.multipleMyeloma])
        #expect(report.suggestedWorkup.first?.id == "myeloma-staging")
        #expect(report.summary.contains("Next: myeloma staging"))
    }

    @Test func anEventWithTheMarrowUnknownSaysWhichPartIsMissing() throws {
        let report = try report(labs: #"{"calciumMgPerDl": 12.4, "creatinineMgPerDl": 2.9, "hemoglobinGPerDl": 8.9}"#)
        let entry = try #require(report.differential.first { $0.condition == .multipleMyeloma })
        #expect(entry.reasons.first?.contains("Myeloma-defining events of IMWG 2014") == true)
        #expect(entry.reasons.joined().contains("not established: no bone-marrow plasma cell percentage is given"))
        #expect(entry.reasons.joined().contains("That part of the IMWG 2014 definition is missing"))
        #expect(entry.toExclude.first?.hasPrefix("Myeloma staging: bone marrow biopsy") == true)
        // Without a plasma cell disorder and with the marrow unknown: not opened, but still warned.
        let noM = try evaluate(#"{"findings": {"polyneuropathy": true}, "labs": {"calciumMgPerDl": 12.4}}"#)
        #expect(!noM.differential.contains { $0.condition == .multipleMyeloma })
        #expect(noM.warningCodes.contains(.myelomaDefiningEvent))
        // The disorder established absent: no myeloma warning.
        let absent = try evaluate(#"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumImmunofixation": true, "urineImmunofixation": true, "serumFreeLightChains": true}}, "labs": {"calciumMgPerDl": 12.4}}"#)
        #expect(!absent.warningCodes.contains(.myelomaDefiningEvent))
        // Marrow below 10%: the requirement is not met by the marrow; not opened.
        let low = try self.report(labs: #"{"calciumMgPerDl": 12.4, "boneMarrowPlasmaCellPercent": 5}"#)
        #expect(!low.differential.contains { $0.condition == .multipleMyeloma })
        #expect(low.warnings.first { $0.code == .myelomaDefiningEvent }?.message.contains("only a biopsy-proven plasmacytoma would meet it") == true)
    }

    /// Issue 21: four myeloma-defining events; staging first, myeloma ahead
    /// of CIDP, never a cardiopulmonary evaluation first.
    @Test func theDifferentialIsOrderedByStrength() throws {
        let report = try report(findings: #", "osteolyticBoneLesions": true"#,
                                labs: #"{"calciumMgPerDl": 12.4, "creatinineMgPerDl": 2.9, "hemoglobinGPerDl": 8.9, "boneMarrowPlasmaCellPercent": 35}"#)
        #expect(report.differential.map(\.condition) == [.multipleMyeloma, .cidp, .alAmyloidosis])
        #expect(report.suggestedWorkup.first?.id == "myeloma-staging")
        #expect(report.suggestedWorkup.last?.id == "cardiopulmonary-evaluation")
        #expect(!report.suggestedWorkup.contains { $0.id == "bone-marrow-biopsy" })
    }

    @Test func lesionCountsAndLightChainValuesAreChecked() throws {
        #expect(decodingFailure(#"{"findings": {"mriFocalLesions": 1.5}}"#)?.pointer == "/findings/mriFocalLesions")
        #expect(decodingFailure(#"{"findings": {"mriFocalLesions": -1}}"#)?.message.contains("whole number") == true)
        #expect(try decode(#"{"findings": {"mriFocalLesions": 3}}"#).findings.mriFocalLesions == 3)
        #expect(decodingFailure(#"{"findings": {}, "labs": {"serumFreeLightChainRatio": -2}}"#)?.pointer == "/labs/serumFreeLightChainRatio")
        #expect(decodingFailure(#"{"findings": {}, "labs": {"involvedFreeLightChainMgPerL": -0.1}}"#)?.message.contains("cannot be negative") == true)
    }
}
