import Foundation
import Testing
import POEMSCriteria
@testable import POEMSEvidence

@Suite struct TreatmentEvidenceSelectionTests {
    static let noImprovement = ["cyclosporine-or-azathioprine", "plasmapheresis", "intravenous-immunoglobulin"]

    @Test(arguments: [BoneLesionExtent.solitary, .limited])
    func localizedLesionsGetRadiation(extent: BoneLesionExtent) {
        let s = TreatmentEvidenceSelection.select(boneLesionExtent: extent)
        #expect(s.boneLesionExtent == extent)
        #expect(s.rows.map(\.slug) == ["radiation"] + Self.noImprovement)
        let ids = s.statements.map(\.id)
        #expect(ids.contains("radiation-first-line-solitary-lesion"))
        #expect(ids.contains("limited-area-radiation"))
        #expect(ids.contains("cidp-misdiagnosis-therapies"))
        #expect(!ids.contains("transplant-mortality"))
        #expect(s.tables.isEmpty)
        #expect(s.groups.map(\.id) == ["localized-radiation", "no-improvement-reported"])
        #expect(s.reminder == RetrospectiveReminder.text)
    }

    @Test func widespreadGetsSystemicRowsTransplantAndTable4() {
        let s = TreatmentEvidenceSelection.select(boneLesionExtent: .widespread)
        #expect(s.rows.map(\.slug) == ["melphalan-prednisone", "combination-chemotherapy", "prednisone-or-dexamethasone"]
                + Self.noImprovement)
        #expect(!s.rows.contains { $0.slug == "radiation" })
        #expect(s.tables == ["transplant-response"])
        let ids = Set(s.statements.map(\.id))
        #expect(ids.isSuperset(of: ["transplant-icu-ventilation", "transplant-mortality", "widespread-systemic-therapy",
                                    "cidp-misdiagnosis-therapies"]))
        #expect(!ids.contains("radiation-first-line-solitary-lesion"))
    }

    /// Issue 21: with the extent unknown, a patient is shown the evidence for
    /// each extent with a prompt to image the skeleton, never only the
    /// therapies reported not to help.
    @Test func nilExtentGetsEveryExtentsEvidenceAndThePrompt() {
        let s = TreatmentEvidenceSelection.select(boneLesionExtent: nil)
        #expect(s.boneLesionExtent == nil)
        #expect(s.rows.map(\.slug) == ["radiation", "melphalan-prednisone", "combination-chemotherapy", "prednisone-or-dexamethasone"]
                + Self.noImprovement)
        #expect(s.groups.map(\.id) == ["localized-radiation", "systemic-therapy", "no-improvement-reported"])
        #expect(s.tables == ["transplant-response"])
        #expect(s.statements.map(\.id).contains("cidp-immunomodulatory-therapies"))
        #expect(s.basis.hasPrefix(TreatmentEvidenceSelection.extentNotReported))
        #expect(s.basis.contains("CIDP"))
        #expect(!TreatmentEvidenceSelection.select(boneLesionExtent: .solitary).basis.contains("is not reported"))
    }

    @Test func alwaysGroupIsComputedFromTheTable() {
        // A table where only radiation reports improved = 0 selects radiation for the always-group.
        let t = TreatmentResponseTable.dispenzieri2003
        let zeroed = TreatmentResponseTable.makeRow("radiation", "Radiation", ["70", "0", "4", "16", "26"])
        let other = TreatmentResponseTable.makeRow("x", "X", ["10", "5", "0", "0", "95"])
        let table = TreatmentResponseTable(id: t.id, number: t.number, title: t.title, printedTitle: t.printedTitle,
                                           titleFootnotes: [], citation: t.citation, columns: t.columns,
                                           rows: [zeroed, other], footnotes: [], reminder: t.reminder)
        let s = TreatmentEvidenceSelection.select(boneLesionExtent: .widespread, table: table)
        #expect(s.rows.map(\.slug) == ["radiation"])
    }

    @Test func wordingIsInformative() {
        for extent in BoneLesionExtent.allCases.map(Optional.some) + [nil] {
            let s = TreatmentEvidenceSelection.select(boneLesionExtent: extent)
            for g in s.groups {
                #expect(g.basis.hasPrefix("Seed 004"))
                #expect(!g.basis.lowercased().contains("should"))
                #expect(!g.basis.lowercased().contains("recommend"))
            }
            #expect(Set(s.rows.map(\.slug)).count == s.rows.count)
            #expect(Set(s.statements.map(\.id)).count == s.statements.count)
        }
    }

    @Test func encodesWithStableKeys() throws {
        let data = try JSONEncoder().encode(TreatmentEvidenceSelection.select(boneLesionExtent: nil))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["applicability", "applicabilityNote", "boneLesionExtent", "basis", "groups", "rows",
                                   "statements", "tables", "tableSources", "reminder"])
        #expect(json["boneLesionExtent"] is NSNull)
    }
}
