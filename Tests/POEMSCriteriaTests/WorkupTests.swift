import Testing
@testable import POEMSCriteria

@Suite("Suggested workup")
struct WorkupTests {
    @Test func everyCriterionHasSourcedWorkup() {
        let ids = Set(CriteriaCatalog.all.flatMap { $0.criteria.map(\.id) })
        #expect(ids.count == 11)
        for id in ids {
            let text = Workup.text(for: id, settings: .init())
            #expect(text != nil, "no workup for \(id)")
            #expect(text?.source.isEmpty == false)
        }
    }

    @Test func monoclonalWorkupNamesImmunofixationAndFreeLightChains() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "scleroticBoneLesions": true}"#)
        let entry = try #require(report.suggestedWorkup.first { $0.criterion == "monoclonalPlasmaCellDisorder" })
        #expect(entry.test.contains("immunofixation"))
        #expect(entry.test.contains("free light chain assay"))
        #expect(entry.test.contains("nearly one third"))
        #expect(entry.test.contains("plasmacytoma"))
        #expect(entry.source.contains("seed 004, Monoclonal plasmaproliferative disorder"))
    }

    @Test func specificTests() throws {
        let report = try evaluate(findings: "{}")
        func test(_ id: String) -> String { report.suggestedWorkup.first { $0.criterion == id }?.test ?? "" }
        #expect(test("polyneuropathy").contains("nerve conduction studies"))
        #expect(test("papilledema").contains("Fundoscopy"))
        #expect(test("scleroticBoneLesions").contains("sclerotic rim"))
        #expect(test("castlemanDisease").contains("Lymph node biopsy"))
        #expect(test("vegfElevated").contains("200 pg/mL"))
        #expect(test("endocrinopathy").contains("Endocrine evaluation"))
        #expect(test("thrombocytosisOrPolycythemia").contains("450"))
    }

    @Test func workupIsDeduplicatedHeadlineFirst() throws {
        let report = try evaluate(#"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}}"#, headline: .imwg2014)
        let ids = report.suggestedWorkup.map(\.id)
        #expect(ids.count == Set(ids).count)
        let bone = try #require(report.suggestedWorkup.first { $0.criterion == "scleroticBoneLesions" })
        #expect(bone.criteriaSets == [.imwg2014, .dispenzieri2003, .suichi2019])
        let papilledema = try #require(report.suggestedWorkup.first { $0.criterion == "papilledema" })
        #expect(papilledema.criteriaSets == [.imwg2014, .dispenzieri2003])
    }

    @Test func noWorkupWhenEverySetIsDecided() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": false}"#)
        #expect(report.suggestedWorkup.isEmpty)
    }
}
