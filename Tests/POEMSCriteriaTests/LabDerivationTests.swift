import Testing
@testable import POEMSCriteria

@Suite("Laboratory derivations")
struct LabDerivationTests {
    func vegf(_ labs: String) throws -> (EvaluationReport, CriterionStatus?) {
        let report = try evaluate(findings: "{}", labs: labs)
        return (report, report.status(.imwg2014, "vegfElevated"))
    }

    @Test func plasmaVEGFDefaultThresholdIs200() throws {
        // REFERENCES.md: plasma VEGF above 200 pg/mL
        #expect(try vegf(#"{"plasmaVegfPgPerMl": 201}"#).1 == .met)
        #expect(try vegf(#"{"plasmaVegfPgPerMl": 200}"#).1 == .notMet)
        let (report, _) = try vegf(#"{"plasmaVegfPgPerMl": 201}"#)
        let derivation = try #require(report.derivations.first)
        #expect(derivation.finding == "vegfElevated")
        #expect(derivation.labField == "plasmaVegfPgPerMl")
        #expect(derivation.value == 201)
        #expect(derivation.unit == "pg/mL")
        #expect(derivation.comparison == "greater-than")
        #expect(derivation.thresholds == [LabThreshold(value: 200, appliesTo: nil, origin: .default, source: LabDerivations.plasmaVegfSource)])
        #expect(derivation.result == .met)
        #expect(derivation.applied)
        #expect(report.basis(.imwg2014, "vegfElevated").contains("derived as present from labs: plasma VEGF 201 pg/mL is above 200 pg/mL"))
        #expect(report.status(.suichi2019, "vegfElevated") == .met)
    }

    @Test func serumVEGFDefaultThresholdIs1040() throws {
        // REFERENCES.md: normal serum VEGF below 1040 pg/mL (Misawa et al., BMJ Open 2015), so 1040 is elevated
        #expect(try vegf(#"{"serumVegfPgPerMl": 1040}"#).1 == .met)
        #expect(try vegf(#"{"serumVegfPgPerMl": 1039.9}"#).1 == .notMet)
        #expect(try vegf(#"{"serumVegfPgPerMl": 1040}"#).0.derivations.first?.comparison == "greater-than-or-equal")
        #expect(try vegf(#"{"serumVegfPgPerMl": 1040}"#).0.derivations.first?.thresholds.first?.value == 1040)
    }

    @Test func laboratoryLimitOverridesDefault() throws {
        let (aboveLab, status) = try vegf(#"{"serumVegfPgPerMl": 900, "vegfUpperLimitPgPerMl": 800}"#)
        #expect(status == .met)
        #expect(aboveLab.derivations.first?.thresholds.first?.origin == .laboratoryLimit)
        #expect(aboveLab.derivations.first?.thresholds.first?.value == 800)
        #expect(try vegf(#"{"plasmaVegfPgPerMl": 250, "vegfUpperLimitPgPerMl": 300}"#).1 == .notMet)
        #expect(try vegf(#"{"plasmaVegfPgPerMl": 300, "vegfUpperLimitPgPerMl": 300}"#).1 == .notMet)
    }

    @Test func bothVEGFAssaysPlasmaDecides() throws {
        // REFERENCES.md: plasma VEGF above 200 pg/mL is 95% specific; with both assays plasma decides.
        let (discordant, status) = try vegf(#"{"plasmaVegfPgPerMl": 150, "serumVegfPgPerMl": 1100}"#)
        #expect(status == .notMet)
        #expect(discordant.derivations.map(\.labField) == ["plasmaVegfPgPerMl", "serumVegfPgPerMl"])
        #expect(discordant.derivations.map(\.result) == [.notMet, .met])
        #expect(discordant.derivations.map(\.applied) == [true, false])
        #expect(discordant.basis(.imwg2014, "vegfElevated").contains("plasma decides"))
        #expect(try vegf(#"{"plasmaVegfPgPerMl": 201, "serumVegfPgPerMl": 500}"#).1 == .met)
        #expect(try vegf(#"{"plasmaVegfPgPerMl": 200, "serumVegfPgPerMl": 1000}"#).1 == .notMet)
    }

    @Test func polycythemiaByHemoglobinAndSex() throws {
        // seed 004, Table 2: Hb >15 g/dl females, >17 g/dl males
        func status(_ hb: Double, _ sex: String?) throws -> CriterionStatus? {
            let patient = sex.map { #"{"sex": "\#($0)"}"# }
            return try evaluate(findings: "{}", labs: #"{"hemoglobinGPerDl": \#(hb)}"#, patient: patient).feature("polycythemia")?.status
        }
        #expect(try status(15, "female") == .notMet)
        #expect(try status(15.1, "female") == .met)
        #expect(try status(17, "male") == .notMet)
        #expect(try status(17.1, "male") == .met)
        #expect(try status(16, "male") == .notMet)
        // Sex unknown.
        #expect(try status(17.1, nil) == .met)
        #expect(try status(15, nil) == .notMet)
        #expect(try status(16, nil) == .unknown)
        #expect(try status(17, nil) == .unknown)
        let unknownSex = try evaluate(findings: "{}", labs: #"{"hemoglobinGPerDl": 16}"#)
        #expect(unknownSex.feature("polycythemia")?.basis.contains("sex is needed") == true)
        #expect(unknownSex.derivations.first?.thresholds.map(\.appliesTo) == ["female", "male"])
        #expect(unknownSex.status(.imwg2014, "thrombocytosisOrPolycythemia") == .unknown)
        let derived = try evaluate(findings: "{}", labs: #"{"hemoglobinGPerDl": 15.1}"#, patient: #"{"sex": "female"}"#)
        #expect(derived.status(.imwg2014, "thrombocytosisOrPolycythemia") == .met)
    }

    @Test func thrombocytosisByPlateletCount() throws {
        func report(_ count: Double, _ settings: EvaluationSettings = .init()) throws -> EvaluationReport {
            try evaluate(#"{"findings": {}, "labs": {"plateletCount10e9PerL": \#(count)}}"#, settings: settings)
        }
        #expect(try report(450).feature("thrombocytosis")?.status == .notMet)
        #expect(try report(451).feature("thrombocytosis")?.status == .met)
        #expect(try report(451).derivations.first?.thresholds.first?.origin == .default)
        #expect(try report(451).status(.imwg2014, "thrombocytosisOrPolycythemia") == .met)

        let custom = EvaluationSettings(thrombocytosisThresholdPerNanoliter: 400)
        #expect(try report(401, custom).feature("thrombocytosis")?.status == .met)
        #expect(try report(400, custom).feature("thrombocytosis")?.status == .notMet)
        let threshold = try #require(try report(401, custom).derivations.first?.thresholds.first)
        #expect(threshold.value == 400)
        #expect(threshold.origin == .serverSetting)
        #expect(try report(401, custom).suggestedWorkup.first { $0.criterion == "thrombocytosisOrPolycythemia" } == nil)
    }

    @Test func contradictedFindingBecomesUnknown() throws {
        let report = try evaluate(findings: #"{"vegfElevated": false, "thrombocytosis": true}"#,
                                  labs: #"{"plasmaVegfPgPerMl": 500, "plateletCount10e9PerL": 300}"#)
        #expect(report.status(.imwg2014, "vegfElevated") == .unknown)
        #expect(report.basis(.imwg2014, "vegfElevated").contains("contradict"))
        #expect(report.basis(.imwg2014, "vegfElevated").contains("VEGF elevation is reported absent"))
        #expect(report.basis(.imwg2014, "vegfElevated").contains("plasma VEGF 500 pg/mL"))
        #expect(report.feature("thrombocytosis")?.status == .unknown)
        #expect(report.derivations.filter { $0.finding == "vegfElevated" || $0.finding == "thrombocytosis" }.allSatisfy { !$0.applied })
        let contradictions = report.warnings.filter { $0.code == .findingContradictsLab }
        #expect(contradictions.count == 2)
        #expect(contradictions.contains { $0.message.contains("VEGF elevation is reported absent") && $0.message.contains("plasma VEGF 500 pg/mL") })
        #expect(contradictions.contains { $0.message.contains("Thrombocytosis is reported present") && $0.message.contains("platelet count 300") })
        #expect(contradictions.allSatisfy { $0.source.contains("REFERENCES.md") })
    }

    @Test func givenFindingAgreeingWithLabRaisesNoWarning() throws {
        let report = try evaluate(findings: #"{"polycythemia": true}"#, labs: #"{"hemoglobinGPerDl": 18}"#)
        #expect(report.warnings.isEmpty)
        #expect(report.feature("polycythemia")?.basis.contains("Consistent with labs") == true)
        // Undecidable lab (sex unknown, 16 g/dL) cannot contradict.
        #expect(try evaluate(findings: #"{"polycythemia": false}"#, labs: #"{"hemoglobinGPerDl": 16}"#).warnings.isEmpty)
    }
}
