import Testing
@testable import POEMSEvidence

@Suite struct TreatmentResponseQueryTests {
    let rows = TreatmentResponseTable.dispenzieri2003.rows

    @Test func sortByImprovedDescendingKeepsTableOrderForTies() {
        let sorted = TreatmentResponseQuery.sorted(rows, by: .improved, order: .descending)
        #expect(sorted.map(\.slug) == [
            "radiation", "cyclosporine-or-azathioprine-plus-prednisone", "melphalan-prednisone",
            "combination-chemotherapy", "plasmapheresis-plus-prednisone", "prednisone-or-dexamethasone",
            "cyclosporine-or-azathioprine", "plasmapheresis", "intravenous-immunoglobulin",
        ])
    }

    @Test func sortByPatientsAscending() {
        let sorted = TreatmentResponseQuery.sorted(rows, by: .patients)
        #expect(sorted.compactMap(\.cells.patients.value) == [4, 6, 9, 14, 15, 16, 41, 48, 70])
    }

    @Test func sortByTreatmentName() {
        let sorted = TreatmentResponseQuery.sorted(rows, by: .treatment)
        #expect(sorted.first?.slug == "combination-chemotherapy")
        #expect(sorted.last?.slug == "radiation")
        let desc = TreatmentResponseQuery.sorted(rows, by: .treatment, order: .descending)
        #expect(desc.map(\.slug) == sorted.map(\.slug).reversed())
    }

    @Test(arguments: [EvidenceSortOrder.ascending, .descending])
    func nullsSortLastInBothDirections(order: EvidenceSortOrder) {
        let base = rows[0]
        let missing = TreatmentResponseRow(
            slug: "synthetic-missing", treatment: "Synthetic", footnotes: [],
            cells: TreatmentResponseCells(patients: EvidenceCell(printed: "…"), improved: EvidenceCell(printed: "…"),
                                          stable: EvidenceCell(printed: "NS"), progression: EvidenceCell(printed: "NA"),
                                          unknown: EvidenceCell(printed: "")))
        let input = [missing] + rows + [base]
        for key in TreatmentResponseSortKey.allCases where key != .treatment {
            let sorted = TreatmentResponseQuery.sorted(input, by: key, order: order)
            #expect(sorted.last?.slug == "synthetic-missing", "\(key) \(order)")
            #expect(sorted.count == input.count)
        }
    }

    @Test func filterByMinimumImproved() {
        let f = TreatmentResponseQuery.filtered(rows, minimumImproved: 40)
        #expect(f.map(\.slug) == ["radiation", "melphalan-prednisone", "cyclosporine-or-azathioprine-plus-prednisone"])
        #expect(TreatmentResponseQuery.filtered(rows, minimumImproved: 0).count == 9)
        #expect(TreatmentResponseQuery.filtered(rows, minimumImproved: 55).isEmpty)
    }

    @Test func filterByNameSubstringCaseInsensitive() {
        #expect(TreatmentResponseQuery.filtered(rows, nameContains: "PREDNISONE").map(\.slug) == [
            "melphalan-prednisone", "cyclosporine-or-azathioprine-plus-prednisone",
            "prednisone-or-dexamethasone", "plasmapheresis-plus-prednisone",
        ])
        #expect(TreatmentResponseQuery.filtered(rows, nameContains: "").count == 9)
        #expect(TreatmentResponseQuery.filtered(rows, nameContains: "immunoglobulin").map(\.slug)
                == ["intravenous-immunoglobulin"])
    }

    @Test func filtersCombine() {
        #expect(TreatmentResponseQuery.filtered(rows, minimumImproved: 20, nameContains: "plasma").map(\.slug)
                == ["plasmapheresis-plus-prednisone"])
    }

    @Test func missingImprovedIsExcludedByAMinimum() {
        let missing = TreatmentResponseRow(
            slug: "m", treatment: "M", footnotes: [],
            cells: TreatmentResponseCells(patients: EvidenceCell(printed: "5"), improved: EvidenceCell(printed: "…"),
                                          stable: EvidenceCell(printed: "0"), progression: EvidenceCell(printed: "0"),
                                          unknown: EvidenceCell(printed: "0")))
        #expect(TreatmentResponseQuery.filtered([missing], minimumImproved: 0).isEmpty)
        #expect(TreatmentResponseQuery.noImprovement([missing]).isEmpty)
    }

    @Test func noImprovementRowsComputedFromData() {
        #expect(TreatmentResponseQuery.noImprovement(rows).map(\.slug)
                == ["cyclosporine-or-azathioprine", "plasmapheresis", "intravenous-immunoglobulin"])
    }
}

@Suite struct TreatmentResponsePayloadQueryTests {
    @Test func withRowsKeepsOnlyRelevantFootnotes() {
        let t = EvidenceCatalog.treatmentResponse
        let filtered = t.withRows(TreatmentResponseQuery.filtered(t.rows, minimumImproved: 40))
        #expect(filtered.rows.count == 3)
        #expect(filtered.footnotes.map(\.mark) == ["†"])
        #expect(filtered.reminder == RetrospectiveReminder.text)
        #expect(filtered.citation == t.citation)
        let sorted = t.withRows(TreatmentResponseQuery.sorted(t.rows, by: .unknown, order: .descending))
        #expect(sorted.footnotes.count == 2)
        #expect(sorted.rows.first?.slug == "plasmapheresis-plus-prednisone")
    }

    @Test func catalogIds() {
        #expect(EvidenceCatalog.tableIds == [EvidenceCatalog.treatmentResponse.id,
                                             EvidenceCatalog.transplantResponse.id,
                                             EvidenceCatalog.clinicalFeatures.id])
    }
}
