import Testing
@testable import POEMSCriteria

@Suite("Summary and work-up order")
struct SummaryAndPriorityTests {
    @Test func summaryStatesVerdictAgreementAndNextStep() throws {
        let agree = try evaluate(findings: #"{"polyneuropathy": false}"#)
        #expect(agree.summary.hasPrefix("IMWG 2014: the findings as given do not meet the criteria; the other two criteria sets agree."))
        #expect(agree.summary.hasSuffix("No further work-up is suggested by the criteria."))

        let disagree = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "scleroticBoneLesions": true, "papilledema": true, "vegfElevated": false}"#)
        #expect(disagree.summary.contains("IMWG 2014: the findings as given meet the criteria"))
        #expect(disagree.summary.contains("the sets disagree"))
        #expect(disagree.summary.contains("Suichi 2019 does not meet (elevated VEGF not met)"))
    }

    @Test func summaryPutsTheMissedProteinFirst() throws {
        // Reported absent without the tests behind it: taken as reported, the tests first.
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false}"#)
        #expect(report.summary.contains("Next: serum and urine immunofixation with serum free light chains"))
        #expect(report.summary.contains("alternatives left open: CIDP"))
        let first = try #require(report.suggestedWorkup.first)
        #expect(first.criterion == "monoclonalPlasmaCellDisorder")
        #expect(first.priority == 1)
        #expect(first.criteriaSets == [.imwg2014, .dispenzieri2003, .suichi2019])
    }

    @Test func summaryAsksToResolveAContradiction() throws {
        let report = try evaluate(findings: #"{"vegfElevated": false}"#, labs: #"{"plasmaVegfPgPerMl": 900}"#)
        #expect(report.summary.contains("Next: resolve the contradiction between VEGF elevation as reported and the laboratory value."))
    }

    @Test func workupIsRankedNonInvasiveFirstInvasiveLast() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "organomegaly": {"lymphadenopathy": true}}"#)
        let items = report.suggestedWorkup
        #expect(items.map(\.priority) == Array(1...items.count))
        // Issue 21: the cardiopulmonary evaluation decides no criterion and comes last; the others by stage.
        #expect(items.last?.id == "cardiopulmonary-evaluation")
        let ranks = items.dropLast().map { WorkupStage.allCases.firstIndex(of: $0.stage)! }
        #expect(ranks == ranks.sorted())
        #expect(items.first?.stage == .nonInvasive)
        // Enlarged nodes: the lymph node biopsy is invasive, after the bone marrow biopsy.
        let node = try #require(items.first { $0.criterion == "castlemanDisease" })
        #expect(node.stage == .invasive)
        #expect(node.name == "lymph node biopsy")
        #expect(items.contains { $0.id == "bone-marrow-biopsy" && $0.stage == .targeted })
        #expect(items.contains { $0.id == "cardiopulmonary-evaluation" && $0.criterion == nil })
        // Imaging names X-rays and CT (seed 000).
        #expect(items.first { $0.criterion == "scleroticBoneLesions" }?.test.contains("X-rays and CT") == true)
    }

    @Test func lymphNodeBiopsyOnlyWhenNodesAreEnlarged() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}"#)
        let item = try #require(report.suggestedWorkup.first { $0.criterion == "castlemanDisease" })
        #expect(item.stage == .targeted)
        #expect(item.test.hasPrefix("Lymph node biopsy only if lymph nodes are enlarged"))
    }

    @Test func lesionBiopsyWhenNoProteinAndALesion() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "scleroticBoneLesions": true}"#)
        let biopsy = try #require(report.suggestedWorkup.first { $0.id == "lesion-biopsy" })
        #expect(biopsy.stage == .invasive)
        // Invasive, after every other test but the cardiopulmonary evaluation (issue 21: it comes last).
        #expect(report.suggestedWorkup.dropLast().last?.id == "lesion-biopsy")
        #expect(report.suggestedWorkup.last?.id == "cardiopulmonary-evaluation")
        #expect(try evaluate(findings: #"{"scleroticBoneLesions": true, "mProteinTests": {"lesionBiopsy": true}}"#).suggestedWorkup.allSatisfy { $0.id != "lesion-biopsy" })
    }

    @Test func engineVersionIsBumped() throws {
        #expect(try evaluate(findings: "{}").engineVersion == "3.0.0")
    }
}
