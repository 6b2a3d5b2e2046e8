import Foundation
import Testing

/// Tables 2, 3 and 4 read back through the HTTP API and compared, cell by
/// cell and footnote by footnote, with the hand transcription of seed 004 in
/// `Tests/Fixtures/evidence/`.
@Suite struct EvidenceAPITests {
    static let tables: [(fixture: String, path: String, labelKey: String)] = [
        ("table2", "/v1/evidence/clinical-features", "feature"),
        ("table3", "/v1/evidence/treatment-response", "treatment"),
        ("table4", "/v1/evidence/transplant-response", "label"),
    ]

    static func fixture(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: TestService.fixturesDirectory.appendingPathComponent("evidence/\(name).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: tables.map(\.fixture))
    func everyCellMatchesTheTranscription(of name: String) throws {
        let table = Self.tables.first { $0.fixture == name }!
        let fixture = try Self.fixture(name)
        try withService { service in
            let response = try fetch(service.port, "GET", table.path)
            #expect(response.status == 200)
            let api = try response.json()

            #expect(api["printedTitle"] as? String == fixture["printedTitle"] as? String)
            #expect(api["titleFootnotes"] as? [String] == fixture["titleMarks"] as? [String])
            #expect((api["citation"] as? [String: Any])?["printed"] as? String == fixture["citation"] as? String)
            #expect((api["reminder"] as? String)?.contains("no randomized controlled trials") == true)
            if let comment = fixture["comment"] as? String { #expect(api["comment"] as? String == comment) }

            let columns = try #require(fixture["columns"] as? [String])
            let labels = try #require(fixture["columnLabels"] as? [String: String])
            let apiColumns = try #require(api["columns"] as? [[String: Any]])
            for column in columns {
                let apiColumn = apiColumns.first { $0["key"] as? String == column }
                #expect(apiColumn?["label"] as? String == labels[column], "column \(column)")
            }

            let fixtureRows = try #require(fixture["rows"] as? [[String: Any]])
            let apiRows = try #require(api["rows"] as? [[String: Any]])
            #expect(apiRows.count == fixtureRows.count)
            #expect(apiRows.map { $0["slug"] as? String } == fixtureRows.map { $0["slug"] as? String }, "row order as printed")
            var cellsCompared = 0
            for row in fixtureRows {
                let slug = try #require(row["slug"] as? String)
                let apiRow = try #require(apiRows.first { $0["slug"] as? String == slug }, "row \(slug)")
                #expect(apiRow[table.labelKey] as? String == row["row"] as? String, "label of \(slug)")
                #expect(apiRow["footnotes"] as? [String] == row["rowMarks"] as? [String], "row marks of \(slug)")
                if name != "table3" { #expect(apiRow["parentSlug"] as? String == row["parent"] as? String, "parent of \(slug)") }
                if row["heading"] as? Bool == true {
                    #expect(apiRow["cells"] is NSNull, "heading \(slug) has no cells")
                    continue
                }
                let cells = try #require(row["cells"] as? [String: String])
                let marks = row["cellMarks"] as? [String: [String]] ?? [:]
                let apiCells = try #require(apiRow["cells"] as? [String: Any])
                for column in columns {
                    let printed = try #require(cells[column], "\(slug).\(column) in the fixture")
                    let cell = try #require(apiCells[column] as? [String: Any], "\(slug).\(column) in the API")
                    #expect(cell["printed"] as? String == printed, "\(slug).\(column)")
                    #expect(cell["footnotes"] as? [String] == (marks[column] ?? []), "marks of \(slug).\(column)")
                    if let number = Int(printed) {
                        #expect(cell["value"] as? Int == number, "\(slug).\(column) value")
                        #expect(cell["missing"] is NSNull)
                    } else {
                        // Printed "…", "NS", "NA" or blank: null with a reason, never 0.
                        #expect(cell["value"] is NSNull, "\(slug).\(column) must be null, not \(String(describing: cell["value"]))")
                        #expect(cell["missing"] as? String != nil, "\(slug).\(column) needs a reason")
                    }
                    cellsCompared += 1
                }
            }
            #expect(cellsCompared > 0)

            let fixtureNotes = try #require(fixture["footnotes"] as? [[String: String]])
            let apiNotes = try #require(api["footnotes"] as? [[String: Any]])
            #expect(apiNotes.map { $0["mark"] as? String } == fixtureNotes.map { $0["mark"] })
            #expect(apiNotes.map { $0["text"] as? String } == fixtureNotes.map { $0["text"] })
        }
    }

    @Test func missingCellsAreNeverServedAsZero() throws {
        try withService { service in
            for table in Self.tables {
                let body = try fetch(service.port, "GET", table.path).text
                let object = try JSONSerialization.jsonObject(with: Data(body.utf8))
                var missing = 0
                func visit(_ value: Any) {
                    if let cell = value as? [String: Any], let printed = cell["printed"] as? String {
                        if ["…", "NS", "NA", ""].contains(printed) {
                            missing += 1
                            #expect(cell["value"] is NSNull, "\(table.path): '\(printed)' served as \(String(describing: cell["value"]))")
                        }
                    }
                    (value as? [String: Any])?.values.forEach(visit)
                    (value as? [Any])?.forEach(visit)
                }
                visit(object)
                if table.fixture != "table3" { #expect(missing > 0, "\(table.path) has printed gaps") }
            }
        }
    }

    @Test func oneTreatmentBySlugAndUnknownSlugIs404() throws {
        try withService { service in
            let radiation = try fetch(service.port, "GET", "/v1/evidence/treatment-response/radiation").json()
            let row = try #require(radiation["row"] as? [String: Any])
            #expect(row["treatment"] as? String == "Radiation")
            let patients = (row["cells"] as? [String: Any])?["patients"] as? [String: Any]
            #expect(patients?["value"] as? Int == 70)
            #expect(patients?["footnotes"] as? [String] == ["†"])
            let notes = try #require(radiation["footnotes"] as? [[String: Any]])
            #expect(notes.map { $0["text"] as? String } == ["Sixty-four patients were treated with 70 courses of radiation."])

            let missing = try fetch(service.port, "GET", "/v1/evidence/treatment-response/leeches")
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func treatmentResponseSortsFiltersAndRejectsUnknownParameters() throws {
        try withService { service in
            let sorted = try fetch(service.port, "GET", "/v1/evidence/treatment-response?sort=improved&order=desc").json()
            let improved = (sorted["rows"] as? [[String: Any]] ?? []).map { (($0["cells"] as? [String: Any])?["improved"] as? [String: Any])?["value"] as? Int }
            #expect(improved == [54, 50, 44, 27, 21, 15, 0, 0, 0])

            let filtered = try fetch(service.port, "GET", "/v1/evidence/treatment-response?minImproved=40").json()
            #expect((filtered["rows"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["radiation", "melphalan-prednisone", "cyclosporine-or-azathioprine-plus-prednisone"])

            let misspelt = try fetch(service.port, "GET", "/v1/evidence/treatment-response?srot=improved")
            #expect(misspelt.status == 400)
            #expect(try misspelt.json()["parameter"] as? String == "srot")

            let badSort = try fetch(service.port, "GET", "/v1/evidence/treatment-response?sort=cost")
            #expect(badSort.status == 400)

            // order without sort: the printed order, in that direction (the
            // description has no way to make one parameter need another).
            let printed = try fetch(service.port, "GET", "/v1/evidence/treatment-response").json()
            let slugs = (printed["rows"] as? [[String: Any]] ?? []).map { $0["slug"] as? String }
            #expect(slugs.count > 1)
            let reversed = try fetch(service.port, "GET", "/v1/evidence/treatment-response?order=desc")
            #expect(reversed.status == 200)
            #expect((try reversed.json()["rows"] as? [[String: Any]])?.map { $0["slug"] as? String } == slugs.reversed())
            let ascending = try fetch(service.port, "GET", "/v1/evidence/treatment-response?order=asc")
            #expect((try ascending.json()["rows"] as? [[String: Any]])?.map { $0["slug"] as? String } == slugs)
        }
    }

    @Test func evidenceIsCacheableWithStrongETags() throws {
        try withService { service in
            let first = try fetch(service.port, "GET", "/v1/evidence/transplant-response")
            let etag = try #require(first.header("ETag"))
            #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
            let again = try fetch(service.port, "GET", "/v1/evidence/transplant-response", headers: [("If-None-Match", etag)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("Content-Length") == first.header("Content-Length"), "RFC 9110 §8.6: never Content-Length: 0")
            // Authenticated: no shared cache may keep it.
            #expect(first.header("Cache-Control") == "private, max-age=3600")
            #expect(again.header("Cache-Control") == "private, max-age=3600")
        }
    }

    @Test func statementsCarryTheirSourceAndFigures() throws {
        try withService { service in
            let payload = try fetch(service.port, "GET", "/v1/evidence/statements").json()
            let statements = try #require(payload["statements"] as? [[String: Any]])
            #expect(!statements.isEmpty)
            for statement in statements {
                let source = statement["source"] as? [String: Any]
                #expect(["004", "003"].contains(source?["seed"] as? String ?? ""), "statement \(statement["id"] ?? "?") names its seed")
                #expect((statement["quote"] as? String)?.isEmpty == false)
            }
            let quotes = statements.compactMap { $0["quote"] as? String }.joined(separator: "\n")
            #expect(quotes.contains("2/27 or 7.4%"))
            #expect(quotes.contains("40 to 50 Gy"))
        }
    }
}
