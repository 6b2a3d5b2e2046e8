import Testing
@testable import POEMSCriteria

@Suite("Warnings")
struct WarningTests {
    @Test func endocrinopathyDiabetesThyroidOnly() throws {
        let report = try evaluate(findings: #"{"endocrinopathy": {"pancreatic": true}}"#)
        let warning = try #require(report.warnings.first { $0.code == .endocrinopathyDiabetesThyroidOnly })
        #expect(warning.message.contains("diabetes mellitus"))
        #expect(warning.source.contains("footnote ‡"))
        #expect(try !evaluate(findings: #"{"endocrinopathy": {"pancreatic": true, "adrenal": true}}"#).warningCodes.contains(.endocrinopathyDiabetesThyroidOnly))
        #expect(try !evaluate(findings: #"{"endocrinopathy": true}"#).warningCodes.contains(.endocrinopathyDiabetesThyroidOnly))
    }

    @Test func kappaLightChain() throws {
        let report = try evaluate(findings: #"{"monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "kappa"}"#)
        let warning = try #require(report.warnings.first { $0.code == .kappaLightChain })
        #expect(warning.message.contains("more than 95%"))
        #expect(warning.source.contains("seed 004"))
        // It changes no criterion.
        #expect(report.status(.imwg2014, "monoclonalPlasmaCellDisorder") == .met)
        #expect(try !evaluate(findings: #"{"monoclonalLightChain": "lambda"}"#).warningCodes.contains(.kappaLightChain))
    }

    @Test func castlemanVariant() throws {
        let report = try evaluate(findings: #"{"castlemanDisease": true, "monoclonalPlasmaCellDisorder": false}"#)
        #expect(report.warningCodes.contains(.castlemanVariant))
        #expect(report.warnings.first { $0.code == .castlemanVariant }?.source.contains("REFERENCES.md") == true)
        #expect(try !evaluate(findings: #"{"castlemanDisease": true}"#).warningCodes.contains(.castlemanVariant))
        #expect(try !evaluate(findings: #"{"castlemanDisease": true, "monoclonalPlasmaCellDisorder": true}"#).warningCodes.contains(.castlemanVariant))
    }

    @Test func noScleroticLesionOrCastleman() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "skinChanges": true}"#)
        #expect(report.verdict(.dispenzieri2003) == .meets)
        let warning = try #require(report.warnings.first { $0.code == .noScleroticLesionOrCastleman })
        #expect(warning.source.contains("footnote †"))
        #expect(warning.source.contains("Definition"))
        // With a sclerotic lesion or Castleman disease, no warning.
        #expect(try !evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "castlemanDisease": true}"#).warningCodes.contains(.noScleroticLesionOrCastleman))
        // Not raised when the 2003 rule is not met.
        #expect(try !evaluate(findings: #"{"polyneuropathy": true, "skinChanges": true}"#).warningCodes.contains(.noScleroticLesionOrCastleman))
    }

    @Test func cidpMimic() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true}"#)
        let warning = try #require(report.warnings.first { $0.code == .cidpMimic })
        #expect(warning.message.contains("CIDP"))
        #expect(warning.source == "seed 004, Abstract; seed 003; seed 000")
        #expect(try !evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false}"#).warningCodes.contains(.cidpMimic))
        #expect(try !evaluate(findings: #"{"monoclonalPlasmaCellDisorder": true}"#).warningCodes.contains(.cidpMimic))
    }

    @Test func findingContradictsLab() throws {
        let report = try evaluate(findings: #"{"polycythemia": false}"#, labs: #"{"hemoglobinGPerDl": 17.5}"#, patient: #"{"sex": "male"}"#)
        let warning = try #require(report.warnings.first { $0.code == .findingContradictsLab })
        #expect(warning.severity == .critical)
        #expect(warning.message.contains("treated as unknown"))
        #expect(report.feature("polycythemia")?.status == .unknown)
        #expect(warning.message.contains("Polycythemia is reported absent"))
        #expect(warning.message.contains("hemoglobin 17.5 g/dL"))
        #expect(warning.source.contains("seed 004, Table 2"))
    }

    @Test func everyCodeIsCovered() {
        // Keeps this suite in step with WarningCode.
        // Keeps this suite and ClinicalSafetyWarningTests in step with WarningCode.
        #expect(WarningCode.allCases.count == 13)
    }
}
