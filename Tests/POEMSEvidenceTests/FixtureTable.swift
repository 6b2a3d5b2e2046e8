import Foundation

/// The flat, hand-transcribed fixture format of `Tests/Fixtures/evidence/` (see its README).
struct FixtureTable: Decodable {
    struct Row: Decodable {
        let row: String
        let slug: String
        let parent: String?
        let heading: Bool?
        let rowMarks: [String]
        let cells: [String: String]
        let cellMarks: [String: [String]]
    }
    struct Note: Decodable {
        let mark: String
        let text: String
    }
    let table: Int
    let printedTitle: String
    let titleMarks: [String]
    let citation: String
    let columns: [String]
    let columnLabels: [String: String]
    let rows: [Row]
    let footnotes: [Note]
    let comment: String?

    static func load(_ number: Int) throws -> FixtureTable {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()      // POEMSEvidenceTests
            .deletingLastPathComponent()      // Tests
            .appendingPathComponent("Fixtures/evidence/table\(number).json")
        return try JSONDecoder().decode(FixtureTable.self, from: Data(contentsOf: url))
    }
}
