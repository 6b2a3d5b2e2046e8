import Testing
@testable import POEMSCriteria

/// The warnings of issue 9, each with its trigger, boundary, severity and source.
@Suite("Clinical safety warnings")
struct ClinicalSafetyWarningTests {
    func warning(_ code: WarningCode, findings: String, labs: String? = nil, patient: String? = nil,
                 settings: EvaluationSettings = .init()) throws -> Warning? {
        var body = #"{"findings": \#(findings)"#
        if let labs { body += #", "labs": \#(labs)"# }
        if let patient { body += #", "patient": \#(patient)"# }
        return try evaluate(body + "}", settings: settings).warnings.first { $0.code == code }
    }

    @Test func everyCodeHasItsSeverity() {
        #expect(WarningCode.mProteinPossiblyMissed.severity == .critical)
        #expect(WarningCode.findingContradictsLab.severity == .critical)
        #expect(WarningCode.myelomaDefiningEvent.severity == .critical)
        #expect(WarningCode.endocrinopathyDiabetesThyroidOnly.severity == .info)
        for code in [WarningCode.kappaLightChain, .castlemanVariant, .noScleroticLesionOrCastleman, .seedMinimumNotMet, .cidpMimic,
                     .anemiaOrThrombocytopenia, .serumVegfWithThrombocytosis, .vegfAssaysDiscordant, .vegfBorderline] {
            #expect(code.severity == .warning, "\(code)")
        }
        #expect(Warning(code: .kappaLightChain, message: "", source: "").severity == .warning)
    }

    // MARK: m-protein-possibly-missed (seed 004, Monoclonal plasmaproliferative disorder)

    @Test func mProteinAbsentOnElectrophoresisAloneIsPossiblyMissed() throws {
        let w = try #require(try warning(.mProteinPossiblyMissed, findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumElectrophoresis": true}}"#))
        #expect(w.severity == .critical)
        #expect(w.message.contains("nearly one third"))
        #expect(w.message.contains("serum immunofixation, urine immunofixation and serum free light chains"))
        #expect(w.source.hasPrefix("seed 004, Monoclonal plasmaproliferative disorder"))
        // Not reported at all: also possibly missed.
        #expect(try warning(.mProteinPossiblyMissed, findings: #"{"monoclonalPlasmaCellDisorder": false}"#) != nil)
        // One of the three missing is enough.
        let oneMissing = try #require(try warning(.mProteinPossiblyMissed, findings: #"{"monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumImmunofixation": true, "urineImmunofixation": true, "serumFreeLightChains": false}}"#))
        #expect(oneMissing.message.contains("serum free light chains is not reported done"))
    }

    @Test func mProteinAbsentAfterTheSensitiveTestsIsNotFlagged() throws {
        let all = #"{"serumImmunofixation": true, "urineImmunofixation": true, "serumFreeLightChains": true}"#
        #expect(try warning(.mProteinPossiblyMissed, findings: #"{"monoclonalPlasmaCellDisorder": false, "mProteinTests": \#(all)}"#) == nil)
        #expect(try warning(.mProteinPossiblyMissed, findings: #"{"monoclonalPlasmaCellDisorder": true}"#) == nil)
        #expect(try warning(.mProteinPossiblyMissed, findings: #"{}"#) == nil)
    }

    @Test func possiblyMissedProteinNamesTheLesionBiopsy() throws {
        let w = try #require(try warning(.mProteinPossiblyMissed, findings: #"{"monoclonalPlasmaCellDisorder": false, "scleroticBoneLesions": true}"#))
        #expect(w.message.contains("biopsy of sclerotic lesions"))
    }

    // MARK: anemia-or-thrombocytopenia (REFERENCES.md; seed 004)

    @Test func anemiaBoundaryIsBelowTen() throws {
        let w = try #require(try warning(.anemiaOrThrombocytopenia, findings: "{}", labs: #"{"hemoglobinGPerDl": 9.9}"#))
        #expect(w.message.contains("Hemoglobin 9.9 g/dL is below 10 g/dL"))
        #expect(w.message.contains("unless Castleman disease is present"))
        #expect(w.source.contains("REFERENCES.md"))
        #expect(try warning(.anemiaOrThrombocytopenia, findings: "{}", labs: #"{"hemoglobinGPerDl": 10}"#) == nil)
        // With Castleman disease, not unusual.
        #expect(try warning(.anemiaOrThrombocytopenia, findings: #"{"castlemanDisease": true}"#, labs: #"{"hemoglobinGPerDl": 8}"#) == nil)
    }

    @Test func thrombocytopeniaThresholdIsConfigurableAndReported() throws {
        let w = try #require(try warning(.anemiaOrThrombocytopenia, findings: "{}", labs: #"{"plateletCount10e9PerL": 149}"#))
        #expect(w.message.contains("Platelet count 149 × 10^9/L is below 150 × 10^9/L"))
        #expect(try warning(.anemiaOrThrombocytopenia, findings: "{}", labs: #"{"plateletCount10e9PerL": 150}"#) == nil)
        let custom = EvaluationSettings(thrombocytopeniaThresholdPerNanoliter: 100)
        #expect(try warning(.anemiaOrThrombocytopenia, findings: "{}", labs: #"{"plateletCount10e9PerL": 120}"#, settings: custom) == nil)
        let report = try evaluate(#"{"findings": {}, "labs": {"plateletCount10e9PerL": 99}}"#, settings: custom)
        let derivation = try #require(report.derivations.first { $0.finding == "thrombocytopenia" })
        #expect(derivation.comparison == "less-than")
        #expect(derivation.thresholds.first?.value == 100)
        #expect(derivation.thresholds.first?.origin == .serverSetting)
        #expect(derivation.result == .met)
        let standard = try evaluate(#"{"findings": {}, "labs": {"plateletCount10e9PerL": 99}}"#)
        #expect(standard.derivations.first { $0.finding == "thrombocytopenia" }?.thresholds.first?.origin == .default)
    }

    // MARK: VEGF (REFERENCES.md)

    @Test func serumVegfWithThrombocytosis() throws {
        let w = try #require(try warning(.serumVegfWithThrombocytosis, findings: "{}", labs: #"{"serumVegfPgPerMl": 1500, "plateletCount10e9PerL": 600}"#))
        #expect(w.message.contains("Platelets release VEGF"))
        #expect(w.source.contains("REFERENCES.md"))
        // Plasma decides: no warning.
        #expect(try warning(.serumVegfWithThrombocytosis, findings: "{}", labs: #"{"plasmaVegfPgPerMl": 300, "serumVegfPgPerMl": 1500, "plateletCount10e9PerL": 600}"#) == nil)
        // Normal platelets, or serum not elevated: no warning.
        #expect(try warning(.serumVegfWithThrombocytosis, findings: "{}", labs: #"{"serumVegfPgPerMl": 1500, "plateletCount10e9PerL": 300}"#) == nil)
        #expect(try warning(.serumVegfWithThrombocytosis, findings: "{}", labs: #"{"serumVegfPgPerMl": 900, "plateletCount10e9PerL": 600}"#) == nil)
        // Thrombocytosis given rather than derived also counts.
        #expect(try warning(.serumVegfWithThrombocytosis, findings: #"{"thrombocytosis": true}"#, labs: #"{"serumVegfPgPerMl": 1500}"#) != nil)
    }

    @Test func discordantAssaysPlasmaDecides() throws {
        let report = try evaluate(#"{"findings": {}, "labs": {"plasmaVegfPgPerMl": 120, "serumVegfPgPerMl": 2000}}"#)
        let w = try #require(report.warnings.first { $0.code == .vegfAssaysDiscordant })
        #expect(w.message.contains("Plasma VEGF decides"))
        #expect(report.status(.suichi2019, "vegfElevated") == .notMet)
        // Agreeing assays: no warning.
        #expect(try warning(.vegfAssaysDiscordant, findings: "{}", labs: #"{"plasmaVegfPgPerMl": 300, "serumVegfPgPerMl": 2000}"#) == nil)
    }

    @Test func borderlinePlasmaVegf() throws {
        let report = try evaluate(#"{"findings": {}, "labs": {"plasmaVegfPgPerMl": 150, "vegfUpperLimitPgPerMl": 96.2}}"#)
        let w = try #require(report.warnings.first { $0.code == .vegfBorderline })
        #expect(w.message.contains("95%-specific"))
        #expect(report.status(.imwg2014, "vegfElevated") == .met)
        // Boundaries: exactly 200 is borderline; above 200 is not; at or below the limit is not elevated.
        #expect(try warning(.vegfBorderline, findings: "{}", labs: #"{"plasmaVegfPgPerMl": 200, "vegfUpperLimitPgPerMl": 96.2}"#) != nil)
        #expect(try warning(.vegfBorderline, findings: "{}", labs: #"{"plasmaVegfPgPerMl": 200.5, "vegfUpperLimitPgPerMl": 96.2}"#) == nil)
        #expect(try warning(.vegfBorderline, findings: "{}", labs: #"{"plasmaVegfPgPerMl": 96.2, "vegfUpperLimitPgPerMl": 96.2}"#) == nil)
        // Without a laboratory limit, 150 is simply not elevated.
        #expect(try warning(.vegfBorderline, findings: "{}", labs: #"{"plasmaVegfPgPerMl": 150}"#) == nil)
    }

    // MARK: seed-minimum-not-met (seed 004, Definition/diagnostic criteria)

    @Test func seedMinimumNeedsLesionOrCastlemanAndAnotherFeature() throws {
        let majors = #""polyneuropathy": true, "monoclonalPlasmaCellDisorder": true"#
        // Sclerotic lesion only: the 2003 rule is met, the seed's minimum is not shown.
        let lesionOnly = try evaluate(#"{"findings": {\#(majors), "scleroticBoneLesions": true}}"#)
        #expect(lesionOnly.verdict(.dispenzieri2003) == .meets)
        let w = try #require(lesionOnly.warnings.first { $0.code == .seedMinimumNotMet })
        #expect(w.message.contains("at least one of the other features without other attributable cause"))
        #expect(w.source.contains("Definition/diagnostic criteria"))
        // Lesion and another feature (a known association counts): minimum met.
        #expect(try warning(.seedMinimumNotMet, findings: #"{\#(majors), "scleroticBoneLesions": true, "papilledema": true}"#) == nil)
        #expect(try warning(.seedMinimumNotMet, findings: #"{\#(majors), "scleroticBoneLesions": true, "thrombocytosis": true}"#) == nil)
        // Lesion and Castleman disease: each is the other's "other feature".
        #expect(try warning(.seedMinimumNotMet, findings: #"{\#(majors), "scleroticBoneLesions": true, "castlemanDisease": true}"#) == nil)
        // No lesion or Castleman disease.
        let edemaOnly = try #require(try warning(.seedMinimumNotMet, findings: #"{\#(majors), "extravascularVolumeOverload": true}"#))
        #expect(edemaOnly.message.contains("sclerotic bone lesion or Castleman disease"))
        // Not raised when the 2003 rule is not met.
        #expect(try warning(.seedMinimumNotMet, findings: #"{"polyneuropathy": true, "scleroticBoneLesions": true}"#) == nil)
    }
}
