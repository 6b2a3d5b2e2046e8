import Testing
@testable import POEMSEvidence

@Suite struct SlugTests {
    static func isURLSafe(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !s.hasPrefix("-") && !s.hasSuffix("-")
    }

    @Test func slugsAreUniqueAndURLSafe() {
        let lists: [[String]] = [
            TreatmentResponseTable.dispenzieri2003.rows.map(\.slug),
            TransplantResponseTable.dispenzieri.rows.map(\.slug),
            ClinicalFeaturesTable.threeSeries.rows.map(\.slug),
            TherapyStatements.all.map(\.id),
        ]
        for slugs in lists {
            #expect(Set(slugs).count == slugs.count)
            for s in slugs { #expect(Self.isURLSafe(s), "\(s)") }
        }
    }

    @Test func table3SlugsAsSpecified() {
        #expect(TreatmentResponseTable.dispenzieri2003.rows.map(\.slug) == [
            "radiation", "melphalan-prednisone", "combination-chemotherapy", "cyclosporine-or-azathioprine",
            "cyclosporine-or-azathioprine-plus-prednisone", "prednisone-or-dexamethasone", "plasmapheresis",
            "plasmapheresis-plus-prednisone", "intravenous-immunoglobulin",
        ])
    }

    @Test func parentSlugsExistAndPrecedeChildren() {
        let t4 = TransplantResponseTable.dispenzieri.rows
        for (i, r) in t4.enumerated() {
            if let p = r.parentSlug {
                let pi = t4.firstIndex { $0.slug == p }
                #expect(pi != nil && pi! < i && t4[pi!].parentSlug == nil)
            }
        }
        #expect(TransplantResponseTable.dispenzieri.children(of: "neurologic").map(\.slug)
                == ["subjective", "nerve-conduction-studies", "neuropathy-impairment-score"])
        #expect(TransplantResponseTable.dispenzieri.rows.filter { $0.parentSlug == nil }.map(\.slug) == [
            "neurologic", "hematologic", "organ", "extravascular-volume-overload",
            "skin-changes", "papilledema", "endocrine", "pulmonary",
        ])
        let t2 = ClinicalFeaturesTable.threeSeries.rows
        for (i, r) in t2.enumerated() {
            if let p = r.parentSlug {
                let pi = t2.firstIndex { $0.slug == p }
                #expect(pi != nil && pi! < i)
            }
        }
    }

    @Test func lookupBySlug() {
        let t = TreatmentResponseTable.dispenzieri2003
        #expect(t.row(slug: "plasmapheresis")?.treatment == "Plasmapheresis")
        #expect(t.row(slug: "nope") == nil)
        let payload = t.rowPayload(slug: "radiation")
        #expect(payload?.footnotes.map(\.mark) == ["†"])
        #expect(payload?.reminder == RetrospectiveReminder.text)
        #expect(t.rowPayload(slug: "melphalan-prednisone")?.footnotes.isEmpty == true)
        #expect(t.rowPayload(slug: "x") == nil)
    }
}
