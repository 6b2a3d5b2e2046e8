import Foundation
import Testing
@testable import POEMSEvidence

/// Seed 004's caveats beside the rows they qualify, and the applicability note.
@Suite struct SelectedTreatmentRowTests {
    func row(_ slug: String) throws -> SelectedTreatmentRow {
        SelectedTreatmentRow(try #require(TreatmentResponseTable.dispenzieri2003.row(slug: slug)))
    }

    @Test func corticosteroidsAreTemporizing() throws {
        let r = try row("prednisone-or-dexamethasone")
        #expect(r.caveats.map(\.quote) == ["This therapy should not be considered definitive therapy, but rather temporizing therapy."])
        #expect(r.note == nil)
    }

    @Test func melphalanCarriesLeukemiaAndHarvestCaveats() throws {
        let ids = try row("melphalan-prednisone").caveats.map(\.id)
        #expect(ids == ["melphalan-secondary-myelodysplasia-leukemia", "melphalan-after-stem-cell-harvest", "stem-cells-before-alkylators"])
        #expect(try row("combination-chemotherapy").caveats.map(\.id) == ["stem-cells-before-alkylators"])
        #expect(try row("radiation").caveats.isEmpty)
    }

    @Test(arguments: ["intravenous-immunoglobulin", "plasmapheresis", "cyclosporine-or-azathioprine"])
    func cidpTreatmentsSaySo(slug: String) throws {
        let r = try row(slug)
        #expect(r.note?.contains("not of POEMS syndrome") == true)
        #expect(r.caveats.contains { $0.id == "cidp-misdiagnosis-therapies" })
    }

    @Test func rowEncodesItsOwnMembersPlusCaveats() throws {
        let data = try JSONEncoder().encode(try row("intravenous-immunoglobulin"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["slug", "treatment", "footnotes", "cells", "caveats", "note"])
    }

    @Test func applicabilityIsCarriedWithItsNote() {
        let s = TreatmentEvidenceSelection.select(boneLesionExtent: .widespread, applicability: .onlyIfConfirmed)
        #expect(s.applicability == .onlyIfConfirmed)
        #expect(s.applicabilityNote.contains("only if POEMS syndrome is confirmed"))
        #expect(s.tableSources["transplant-response"] == DataOrigin.transplantSeries2004)
        #expect(TreatmentEvidenceSelection.select(boneLesionExtent: .solitary).tableSources.isEmpty)
    }
}
