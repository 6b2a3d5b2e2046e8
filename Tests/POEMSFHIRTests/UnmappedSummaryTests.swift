import Foundation
import POEMSFHIR
import Testing

/// What an answer lists of the entries that set nothing: counts by resource
/// type, and at most 20 examples that keep what matters.
@Suite struct UnmappedSummaryTests {
    @Test func theExamplesKeepTheUninterpretableResultsAndEachType() throws {
        let unknown = (0..<30).map { FHIR.quantity("x\($0)", "8302-2", 170, unit: "cm") }
        let result = try read(FHIR.bundle([FHIR.patient()] + unknown + [
            ["resourceType": "Encounter", "id": "e1", "status": "finished"],
            FHIR.quantity("hb", "718-7", 13, unit: "G/DL"),
        ]))
        #expect(result.unmapped.count == 32)
        let examples = UnmappedSummary.examples(result.unmapped)
        #expect(examples.count == UnmappedSummary.defaultExamples)
        #expect(examples.contains { $0.resource == "Observation/hb" && $0.target == "/labs/hemoglobinGPerDl" })
        #expect(examples.contains { $0.resource == "Encounter/e1" })
        // In the order of the full list.
        let order = result.unmapped.map(\.resource)
        #expect(examples.map { order.firstIndex(of: $0.resource)! } == examples.map { order.firstIndex(of: $0.resource)! }.sorted())

        let summary = UnmappedSummary(result.unmapped, listed: examples.count)
        #expect(summary.total == 32 && summary.listed == 20)
        #expect(summary.byResourceType == ["Observation": 31, "Encounter": 1])
        #expect(UnmappedSummary.examples(Array(result.unmapped.prefix(5))).count == 5, "a short list is listed whole")
    }
}
