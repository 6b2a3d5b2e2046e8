import Foundation
import Testing
@testable import POEMSEvidence

/// Compares the module's tables with the hand transcriptions, cell by cell, marks included.
@Suite struct TableFixtureTests {
    /// The expected numeric value of a printed fixture string.
    static func expectedValue(_ printed: String) -> Int? {
        ["…", "NS", "NA", ""].contains(printed) ? nil : Int(printed)
    }

    static func check(_ cell: EvidenceCell, printed: String, marks: [String], where place: String) {
        #expect(cell.printed == printed, "\(place): printed")
        #expect(cell.footnotes == marks, "\(place): marks")
        #expect(cell.value == expectedValue(printed), "\(place): value")
        if cell.value == nil {
            #expect(cell.missing != nil, "\(place): missing cell without a reason")
            #expect(cell.derivedCount == nil, "\(place): derived count on a missing cell")
        } else {
            #expect(cell.missing == nil, "\(place): number with a missing reason")
        }
    }

    static func checkTableLevel(_ f: FixtureTable, printedTitle: String, titleFootnotes: [String],
                                citation: Citation, columns: [TableColumn], footnotes: [Footnote]) {
        #expect(printedTitle == f.printedTitle)
        #expect(titleFootnotes == f.titleMarks)
        #expect(citation.printed == f.citation)
        #expect(footnotes.map(\.mark) == f.footnotes.map(\.mark))
        #expect(footnotes.map(\.text) == f.footnotes.map(\.text))
        let numeric = columns.filter { f.columns.contains($0.key) }
        #expect(numeric.map(\.key) == f.columns)
        for column in numeric {
            #expect(column.label == f.columnLabels[column.key], "label of \(column.key)")
        }
    }

    @Test func table3MatchesFixture() throws {
        let f = try FixtureTable.load(3)
        let t = TreatmentResponseTable.dispenzieri2003
        #expect(f.table == t.number)
        Self.checkTableLevel(f, printedTitle: t.printedTitle, titleFootnotes: t.titleFootnotes,
                             citation: t.citation, columns: t.columns, footnotes: t.footnotes)
        #expect(t.rows.map(\.slug) == f.rows.map(\.slug))
        for fr in f.rows {
            let row = try #require(t.row(slug: fr.slug))
            #expect(row.treatment == fr.row)
            #expect(row.footnotes == fr.rowMarks)
            #expect(fr.parent == nil)
            for key in f.columns {
                let column = try #require(TreatmentResponseColumn(rawValue: key))
                Self.check(row[column], printed: fr.cells[key] ?? "<absent>", marks: fr.cellMarks[key] ?? [],
                           where: "table 3 \(fr.slug).\(key)")
            }
        }
    }

    @Test func table4MatchesFixture() throws {
        let f = try FixtureTable.load(4)
        let t = TransplantResponseTable.dispenzieri
        #expect(f.table == t.number)
        Self.checkTableLevel(f, printedTitle: t.printedTitle, titleFootnotes: t.titleFootnotes,
                             citation: t.citation, columns: t.columns, footnotes: t.footnotes)
        #expect(t.rows.map(\.slug) == f.rows.map(\.slug))
        for fr in f.rows {
            let row = try #require(t.row(slug: fr.slug))
            #expect(row.label == fr.row)
            #expect(row.parentSlug == fr.parent)
            #expect(row.footnotes == fr.rowMarks)
            for key in f.columns {
                let column = try #require(TransplantResponseColumn(rawValue: key))
                Self.check(row[column], printed: fr.cells[key] ?? "<absent>", marks: fr.cellMarks[key] ?? [],
                           where: "table 4 \(fr.slug).\(key)")
            }
        }
    }

    @Test func table2MatchesFixture() throws {
        let f = try FixtureTable.load(2)
        let t = ClinicalFeaturesTable.threeSeries
        #expect(f.table == t.number)
        Self.checkTableLevel(f, printedTitle: t.printedTitle, titleFootnotes: t.titleFootnotes,
                             citation: t.citation, columns: t.columns, footnotes: t.footnotes)
        #expect(t.comment == f.comment)
        #expect(t.rows.map(\.slug) == f.rows.map(\.slug))
        for fr in f.rows {
            let row = try #require(t.row(slug: fr.slug))
            #expect(row.feature == fr.row)
            #expect(row.parentSlug == fr.parent)
            #expect(row.footnotes == fr.rowMarks)
            if fr.heading == true {
                #expect(row.kind == .heading)
                #expect(row.cells == nil)
                #expect(fr.cells.isEmpty)
                continue
            }
            #expect(row.kind == .feature)
            for key in f.columns {
                let series = try #require(ClinicalFeatureSeries(rawValue: key))
                let cell = try #require(row[series])
                Self.check(cell, printed: fr.cells[key] ?? "<absent>", marks: fr.cellMarks[key] ?? [],
                           where: "table 2 \(fr.slug).\(key)")
            }
        }
    }

    /// Every footnote anchor points at a mark really printed there, and every printed mark has a footnote.
    @Test func footnoteAnchorsMatchPrintedMarks() throws {
        for number in [2, 3, 4] {
            let f = try FixtureTable.load(number)
            var printed: Set<FootnoteAnchor> = []
            var marksAt: [FootnoteAnchor: String] = [:]
            for m in f.titleMarks { printed.insert(.title); marksAt[.title] = m }
            for r in f.rows {
                for m in r.rowMarks { printed.insert(.row(r.slug)); marksAt[.row(r.slug)] = m }
                for (k, ms) in r.cellMarks { for m in ms { printed.insert(.cell(r.slug, k)); marksAt[.cell(r.slug, k)] = m } }
            }
            let notes: [Footnote] = switch number {
            case 2: ClinicalFeaturesTable.threeSeries.footnotes
            case 3: TreatmentResponseTable.dispenzieri2003.footnotes
            default: TransplantResponseTable.dispenzieri.footnotes
            }
            var anchored: Set<FootnoteAnchor> = []
            for note in notes {
                #expect(!note.appliesTo.isEmpty, "table \(number) footnote \(note.mark) anchored nowhere")
                for a in note.appliesTo {
                    anchored.insert(a)
                    #expect(marksAt[a] == note.mark, "table \(number): \(note.mark) at \(a)")
                }
            }
            #expect(anchored == printed, "table \(number)")
        }
    }

    @Test func specificMarksFromTheBrief() {
        let t3 = TreatmentResponseTable.dispenzieri2003
        #expect(t3.row(slug: "radiation")?.cells.patients.footnotes == ["†"])
        #expect(t3.row(slug: "combination-chemotherapy")?.footnotes == ["*"])
        let t4 = TransplantResponseTable.dispenzieri
        #expect(t4.titleFootnotes == ["*"])
        #expect(t4.row(slug: "neuropathy-impairment-score")?.cells.n.footnotes == ["†"])
        #expect(t4.row(slug: "spep-evaluable")?.cells.response.footnotes == ["‡"])
        let t2 = ClinicalFeaturesTable.threeSeries
        #expect(t2.row(slug: "endocrinopathy")?[.dispenzieri2003]?.footnotes == ["*"])
        #expect(t2.rows.filter { $0.footnotes == ["**"] }.map(\.slug)
                == ["osteosclerotic-only", "mixed-sclerotic-and-lytic", "lytic-only", "more-than-one-lesion"])
    }
}
