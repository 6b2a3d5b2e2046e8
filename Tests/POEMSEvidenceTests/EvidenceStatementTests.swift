import Foundation
import Testing
@testable import POEMSEvidence

@Suite struct EvidenceStatementTests {
    /// The source documents, where CI lays them out: `../shared/seeds`
    /// beside the repository (`POEMSD_SEEDS` names another directory).
    static let seedsDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["POEMSD_SEEDS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    }()
    static var seedsAvailable: Bool { FileManager.default.fileExists(atPath: seedsDirectory.path) }
    /// Under CI (`CI` set, as `.ci/run` does) a missing seed directory fails
    /// the test instead of skipping it: the verbatim check must run there.
    static var seedsRequired: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Seed text with PDF line breaks joined as the quotes are: "-\n" rejoined, whitespace collapsed.
    static func normalizedSeed(_ id: String) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
        let name = try #require(files.first { $0.hasPrefix(id + "_") })
        let text = try String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8)
        return text.replacingOccurrences(of: "-\n", with: "-")
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    /// Every quote is verbatim in its seed (run where the seeds are present,
    /// and always under CI, where their absence is a failure).
    @Test(.enabled(if: seedsAvailable || seedsRequired)) func quotesAreVerbatim() throws {
        try #require(Self.seedsAvailable, "the seeds are not at \(Self.seedsDirectory.path) (../shared/seeds beside the repository, or POEMSD_SEEDS)")
        let seeds = ["004": try Self.normalizedSeed("004"), "003": try Self.normalizedSeed("003")]
        for s in TherapyStatements.all {
            let text = try #require(seeds[s.source.seed], "\(s.id): unknown seed")
            #expect(text.contains(s.quote), "\(s.id) is not verbatim")
            for f in s.figures {
                #expect(s.quote.contains(f.printed), "\(s.id).\(f.key)")
            }
        }
        // The three tables' footnotes and citations are verbatim too.
        let t004 = try #require(seeds["004"])
        let notes = TreatmentResponseTable.dispenzieri2003.footnotes + TransplantResponseTable.dispenzieri.footnotes
            + ClinicalFeaturesTable.threeSeries.footnotes
        for n in notes { #expect(t004.contains(n.text)) }
        #expect(t004.contains(ClinicalFeaturesTable.threeSeries.comment))
        #expect(t004.contains(RetrospectiveReminder.text))
    }

    @Test func onlySeeds004And003AreUsed() {
        for s in TherapyStatements.all {
            #expect(["004", "003"].contains(s.source.seed))
            #expect(!s.quote.contains("cGy"))
        }
    }

    @Test func requiredFiguresAsPrinted() throws {
        func figure(_ id: String, _ key: String) throws -> StatementFigure {
            let s = try #require(TherapyStatements.statement(id: id))
            return try #require(s.figures.first { $0.key == key })
        }
        #expect(try figure("corticosteroids-improvement", "improved").value == 15)
        #expect(try figure("corticosteroids-improvement", "improved").qualifier == .atLeast)
        #expect(try figure("corticosteroids-improvement", "stabilized").value == 7)
        #expect(try figure("cyclophosphamide-improvement", "improved").qualifier == .upTo)
        #expect(try figure("melphalan-prednisone-response", "responded").value == 40)
        #expect(try figure("transplant-icu-ventilation", "intensiveCareUnit").value == 37)
        #expect(try figure("transplant-icu-ventilation", "mechanicalVentilation").value == 37)
        #expect(try figure("transplant-mortality", "deaths").value == 1)
        #expect(try figure("transplant-mortality", "mortalityRate").value == 6.2)
        #expect(try figure("transplant-mortality", "pooledDeaths").denominator == 27)
        #expect(try figure("transplant-mortality", "pooledDeaths").printed == "2/27")
        #expect(try figure("transplant-mortality", "pooledMortality").value == 7.4)
        let dose = try figure("radiation-dose-solitary-plasmacytoma", "dose")
        #expect(dose.value == 40 && dose.upperValue == 50 && dose.unit == "Gy")
        #expect(try figure("radiation-response", "responded").qualifier == .moreThan)
        #expect(try figure("hct-largest-series", "patients").value == 59)
        #expect(try figure("hct-largest-series", "responded").value == 90)
        #expect(try figure("hct-largest-series", "progressionFreeSurvival5Year").value == 75)
        let len = try figure("lenalidomide-dexamethasone", "symptomFree")
        #expect(len.value == 75 && len.upperValue == 90)
        #expect(TherapyStatements.statement(id: "no-randomized-trials")?.quote == RetrospectiveReminder.text)
        #expect(TherapyStatements.statement(id: "ivig-plasmapheresis-no-benefit")?.source.section == "Treatment")
        #expect(TherapyStatements.statement(id: "hct-largest-series")?.source.seed == "003")
    }

    @Test func relatedReferencesResolve() {
        let t3 = TreatmentResponseTable.dispenzieri2003
        let tableIds = ["treatment-response", "transplant-response", "clinical-features"]
        for s in TherapyStatements.all {
            for r in s.related {
                let parts = r.split(separator: "/").map(String.init)
                #expect(tableIds.contains(parts[0]), "\(s.id): \(r)")
                if parts.count == 2 { #expect(t3.row(slug: parts[1]) != nil, "\(s.id): \(r)") }
            }
        }
    }
}
