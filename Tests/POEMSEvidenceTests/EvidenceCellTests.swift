import Foundation
import Testing
@testable import POEMSEvidence

@Suite struct EvidenceCellTests {
    @Test(arguments: [("…", MissingReason.notReported), ("NS", .notStated), ("NA", .notApplicable), ("", .blank)])
    func missingNotationsAreNullWithReason(printed: String, reason: MissingReason) {
        let cell = EvidenceCell(printed: printed)
        #expect(cell.value == nil)
        #expect(cell.missing == reason)
        #expect(cell.isMissing)
        #expect(cell.printed == printed)
    }

    @Test func printedZeroIsARealZero() {
        let cell = EvidenceCell(printed: "0")
        #expect(cell.value == 0)
        #expect(cell.missing == nil)
    }

    @Test func noDerivedCountForMissingCells() {
        let cell = EvidenceCell(printed: "…").withDerivedCount(n: EvidenceCell(printed: "16"))
        #expect(cell.derivedCount == nil)
    }

    /// Across all three tables, no missing notation ever became a number (in particular not 0).
    @Test func missingCellsNeverZeroAnywhere() {
        var cells: [EvidenceCell] = []
        for r in TreatmentResponseTable.dispenzieri2003.rows { cells += TreatmentResponseColumn.allCases.map { r[$0] } }
        for r in TransplantResponseTable.dispenzieri.rows { cells += TransplantResponseColumn.allCases.map { r[$0] } }
        for r in ClinicalFeaturesTable.threeSeries.rows { cells += ClinicalFeatureSeries.allCases.compactMap { r[$0] } }
        #expect(cells.count == 9 * 5 + 20 * 4 + 29 * 3)
        for cell in cells where ["…", "NS", "NA", ""].contains(cell.printed) {
            #expect(cell.value == nil)
            #expect(cell.missing != nil)
            #expect(cell.derivedCount == nil)
        }
        for cell in cells where cell.value == 0 {
            #expect(cell.printed == "0")
        }
        // The known missing cells of the source.
        let t2 = ClinicalFeaturesTable.threeSeries
        #expect(t2.row(slug: "hypothyroidism")?[.nakanishi1984]?.missing == .blank)
        #expect(t2.row(slug: "thrombocytosis")?[.nakanishi1984]?.missing == .notStated)
        #expect(t2.row(slug: "lytic-only")?[.soubrier1994]?.value == 0)
        let t4 = TransplantResponseTable.dispenzieri
        #expect(t4.row(slug: "non-secretory")?.cells.response.missing == .notApplicable)
        #expect(t4.row(slug: "neurologic")?.cells.stable.missing == .notReported)
        #expect(t4.row(slug: "lymphadenopathy")?.cells.notEvaluated.value == 0)
    }

    @Test func encodesNullsExplicitly() throws {
        let data = try JSONEncoder().encode(EvidenceCell(printed: "NS"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["value", "printed", "missing", "footnotes", "derivedCount"])
        #expect(json["value"] is NSNull)
        #expect(json["missing"] as? String == "not-stated")
        #expect(json["printed"] as? String == "NS")
        #expect(json["derivedCount"] is NSNull)
    }
}

@Suite struct DerivedCountTests {
    @Test func radiationImprovedIs38Of70Courses() throws {
        let cell = try #require(TreatmentResponseTable.dispenzieri2003.row(slug: "radiation")?.cells.improved)
        let d = try #require(cell.derivedCount)
        #expect(d.value == 38)
        #expect(d.derived)
        #expect(d.formula == "round(70 × 54 / 100)")
        #expect(d.unit == "courses")
    }

    @Test func roundingIsToNearestHalfUp() {
        #expect(DerivedCount(n: 4, percent: 50).value == 2)        // 2.0
        #expect(DerivedCount(n: 15, percent: 27).value == 4)       // 4.05
        #expect(DerivedCount(n: 16, percent: 87).value == 14)      // 13.92
        #expect(DerivedCount(n: 6, percent: 17).value == 1)        // 1.02
        #expect(DerivedCount(n: 16, percent: 37).value == 6)       // 5.92
        #expect(DerivedCount(n: 10, percent: 25).value == 3)       // 2.5 → 3
    }

    @Test func everyPercentCellOfTables3And4HasADerivedCount() {
        for row in TreatmentResponseTable.dispenzieri2003.rows {
            #expect(row.cells.patients.derivedCount == nil)
            let n = row.cells.patients.value!
            for c in [TreatmentResponseColumn.improved, .stable, .progression, .unknown] {
                let cell = row[c]
                let expected = Int((Double(n * cell.value!) / 100).rounded(.toNearestOrAwayFromZero))
                #expect(cell.derivedCount?.value == expected, "\(row.slug).\(c)")
                #expect(cell.derivedCount?.formula == "round(\(n) × \(cell.value!) / 100)")
            }
        }
        for row in TransplantResponseTable.dispenzieri.rows {
            #expect(row.cells.n.derivedCount == nil)
            for c in [TransplantResponseColumn.response, .stable, .notEvaluated] {
                let cell = row[c]
                if let p = cell.value {
                    #expect(cell.derivedCount?.value
                            == Int((Double(row.cells.n.value! * p) / 100).rounded(.toNearestOrAwayFromZero)))
                } else {
                    #expect(cell.derivedCount == nil)
                }
            }
        }
        // Table 2 percentages carry no derived counts.
        for row in ClinicalFeaturesTable.threeSeries.rows {
            for s in ClinicalFeatureSeries.allCases { #expect(row[s]?.derivedCount == nil) }
        }
    }

    @Test func spotChecks() {
        let t4 = TransplantResponseTable.dispenzieri
        #expect(t4.row(slug: "spep-evaluable")?.cells.response.derivedCount?.value == 6)   // 6 × 100%
        #expect(t4.row(slug: "neurologic")?.cells.response.derivedCount?.value == 14)      // 16 × 87%
        let t3 = TreatmentResponseTable.dispenzieri2003
        #expect(t3.row(slug: "melphalan-prednisone")?.cells.improved.derivedCount?.value == 21) // 48 × 44% = 21.12
        #expect(t3.row(slug: "plasmapheresis")?.cells.progression.derivedCount?.value == 14)    // 16 × 87% = 13.92
    }
}
