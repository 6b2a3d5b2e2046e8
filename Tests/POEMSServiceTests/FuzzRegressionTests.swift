import Foundation
import HTTPServer
import POEMSCriteria
import POEMSFHIR
import Testing

/// The fuzzer's findings as regression tests: every input in
/// `Tests/Fuzz/crashes` (and the seeds) goes through what
/// `Sources/poemsd-fuzz` fuzzes — the JSON limits, the strict reader (its
/// agreement with the `Decodable` path is checked with the whole corpus in
/// ``CaseInputReaderEquivalenceTests``), the evaluation and the FHIR Bundle
/// reader — and ends in a value or a problem, never a crash.
@Suite("Fuzzer regressions", .enabled(if: TestEngine.isSQLite, "request decoding, once"))
struct FuzzRegressionTests {
    static let inputs = InputCorpus.fixtures()

    @Test func fuzzInputsAreRefusedOrEvaluated() {
        #expect(Self.inputs.contains { $0.name.hasPrefix("Tests/Fuzz/seeds/") })
        let engine = CriteriaEngine()
        let bundles = BundleReader(terminology: .seeded(), evaluationDate: Date(timeIntervalSince1970: 1_795_000_000))
        for (name, bytes) in Self.inputs {
            let request = HTTPRequest(method: "POST", path: "/v1/evaluations", headers: ["Content-Type": "application/json"], body: bytes)
            var readAs: [CaseInput] = []
            do {
                readAs.append(try request.decodeJSON(reader: CaseInputReader.read))
            } catch {
                // A client error, never a server error.
                #expect(error.status == 400, "\(name): \(error)")
            }
            if (try? request.jsonLimits.check(bytes)) != nil, let findings = try? bundles.read(Data(bytes)) {
                readAs.append(findings.input)
            }
            for input in readAs {
                for headline in CriteriaSetID.allCases {
                    let report = engine.evaluate(input, headline: headline)
                    #expect(report.evaluations.count == CriteriaSetID.allCases.count, "\(name)")
                    #expect(report.criteriaSet == headline)
                }
            }
        }
    }
}
