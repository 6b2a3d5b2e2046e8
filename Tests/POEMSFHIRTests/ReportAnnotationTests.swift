import Foundation
import Testing
import POEMSCriteria
import POEMSFHIR

/// A result the Bundle holds is never "not assessed": the report says
/// "result present, not interpretable" with the reason, and the work-up
/// says to correct the result rather than order the test.
@Suite struct ReportAnnotationTests {
    static func report(_ resources: [[String: Any]]) throws -> (FHIRFindings, EvaluationReport) {
        let findings = try read(FHIR.bundle(resources))
        return (findings, findings.annotate(CriteriaEngine().evaluate(findings.input, headline: .imwg2014)))
    }

    @Test func anUnreadableVEGFIsNotInterpretableAndTheWorkUpSaysToCorrectIt() throws {
        let (_, report) = try Self.report([
            FHIR.condition("pn", FHIR.snomed, "42345000"), FHIR.mProtein("sife", "25700-6", shown: true),
            FHIR.condition("os", FHIR.snomed, "49347007"),
            FHIR.quantity("v", "75628-8", 500, unit: "pg/mL"),
        ])
        let criterion = try #require(report.evaluation(.suichi2019)?.criterion("vegfElevated"))
        #expect(criterion.status == .unknown)
        #expect(criterion.basis.hasPrefix("Result present, not interpretable: VEGF-A in serum or plasma (Observation/v)."))
        #expect(!criterion.basis.contains("Not assessed"))
        let item = try #require(report.suggestedWorkup.first { $0.id == "vegfElevated" })
        #expect(item.name == "correct the recorded VEGF-A in serum or plasma result")
        #expect(item.test.hasPrefix("The record holds a VEGF-A in serum or plasma result that could not be read (Observation/v:"))
        #expect(item.test.contains("rather than ordering the test again"))
    }

    @Test func aVEGFOfUnknownSpecimenAboveBothCutOffsSaysWhy() throws {
        let (_, report) = try Self.report([FHIR.quantity("v", "75628-8", 1980, unit: "pg/mL")])
        let criterion = try #require(report.evaluation(.suichi2019)?.criterion("vegfElevated"))
        #expect(criterion.status == .met)
        #expect(criterion.basis.contains("elevated whichever it is"))
        #expect(!criterion.basis.hasPrefix("Reported present."))
    }

    @Test func aProvisionalConditionLeavesTheCriterionUnknownNamingIt() throws {
        let (findings, report) = try Self.report([FHIR.condition("pap", FHIR.snomed, "423341008", status: "provisional")])
        #expect(findings.input.findings.papilledema == nil)
        let criterion = try #require(report.evaluation(.dispenzieri2003)?.criterion("papilledema"))
        #expect(criterion.status == .unknown)
        #expect(criterion.basis.contains("Condition/pap (Papilledema) has verificationStatus provisional"))
    }

    @Test func aReportWithoutNotesIsUnchanged() throws {
        let findings = try read(FHIR.bundle([FHIR.condition("pn", FHIR.snomed, "42345000")]))
        let report = CriteriaEngine().evaluate(findings.input, headline: .imwg2014)
        #expect(findings.annotate(report) == report)
    }
}
