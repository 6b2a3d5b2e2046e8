import Foundation
import Testing
import POEMSCriteria
import POEMSFHIR

/// Issue 21's reading rules: UCUM's two litres, SNOMED CT specimen codes, a
/// VEGF of unknown specimen, calcium and creatinine, Conditions not
/// confirmed, the bone-lesion extent, serial results.
@Suite struct ReadingRulesTests {
    @Test func ucumsTwoLitresAreOneUnitAndOtherCasesAreRefused() throws {
        let result = try read(FHIR.bundle([
            FHIR.quantity("hb", "718-7", 13.5, unit: "g/dl"),
            FHIR.quantity("cr", "14682-9", 176.84, unit: "umol/l"),
            FHIR.quantity("ca", "17861-6", 9.8, unit: "MG/DL"),
        ]))
        #expect(result.input.labs?.hemoglobinGPerDl == 13.5)
        #expect(abs((result.input.labs?.creatinineMgPerDl ?? 0) - 2) < 1e-9)
        #expect(result.input.labs?.calciumMgPerDl == nil)
        #expect(result.unmapped.first { $0.resource == "Observation/ca" }?.reason.contains("'MG/DL'") == true)
        #expect(result.unmapped.first { $0.resource == "Observation/ca" }?.target == "/labs/calciumMgPerDl")
    }

    @Test func calciumAndCreatinineInMassAndSIUnitsAreSeeded() throws {
        let result = try read(FHIR.bundle([
            FHIR.quantity("ca", "2000-8", 2.5, unit: "mmol/L"),
            FHIR.quantity("cr", "2160-0", 2.9, unit: "mg/dL"),
        ]))
        #expect(abs((result.input.labs?.calciumMgPerDl ?? 0) - 10.02) < 1e-9)
        #expect(result.input.labs?.creatinineMgPerDl == 2.9)
        #expect(result.provenance.first { $0.target == "/labs/calciumMgPerDl" }?.details.first?.evidence == "confirmed")
        let mass = try read(FHIR.bundle([FHIR.quantity("ca", "17861-6", 12.4, unit: "mg/dL"), FHIR.quantity("cr", "14682-9", 256.4, unit: "umol/L")]))
        #expect(mass.input.labs?.calciumMgPerDl == 12.4)
        #expect(abs((mass.input.labs?.creatinineMgPerDl ?? 0) - 2.9) < 0.001)
    }

    static func vegf(_ value: Double, specimen: String?) -> [[String: Any]] {
        var observation = FHIR.quantity("v", "75628-8", value, unit: "pg/mL")
        guard let specimen else { return [observation] }
        observation["specimen"] = ["reference": "Specimen/s"]
        return [observation, FHIR.specimen("s", specimen)]
    }

    @Test func snomedSerumAndPlasmaSpecimensPlaceVEGFOnItsScale() throws {
        #expect(try read(FHIR.bundle(Self.vegf(1200, specimen: "119364003"))).input.labs?.serumVegfPgPerMl == 1200)
        #expect(try read(FHIR.bundle(Self.vegf(320, specimen: "119361006"))).input.labs?.plasmaVegfPgPerMl == 320)
        // 122592007 is serum or plasma without saying which: the unknown-specimen rule.
        let either = try read(FHIR.bundle(Self.vegf(500, specimen: "122592007")))
        #expect(either.input.labs == nil)
        #expect(either.notes.first?.text.contains("122592007") == true)
    }

    @Test func aVEGFOfUnknownSpecimenAboveBothCutOffsIsElevatedBetweenThemUnknown() throws {
        let above = try read(FHIR.bundle(Self.vegf(1980, specimen: nil)))
        #expect(above.input.findings.vegfElevated == true)
        #expect(above.input.labs == nil)
        let why = try #require(above.notes.first { $0.kind == .derived })
        #expect(why.text.contains("plasma cut-off 200 pg/mL: elevated; serum cut-off 1040 pg/mL: elevated"))

        let between = try read(FHIR.bundle(Self.vegf(500, specimen: nil)))
        #expect(between.input.findings.vegfElevated == nil)
        let note = try #require(between.notes.first)
        #expect(note.kind == .notInterpretable && note.criterion == "vegfElevated")
        #expect(note.text.contains("between the two cut-offs"))

        #expect(try read(FHIR.bundle(Self.vegf(150, specimen: nil))).input.findings.vegfElevated == false)
        // The laboratory's own upper limit wins whatever the specimen.
        var limited = FHIR.quantity("v", "75628-8", 500, unit: "pg/mL")
        limited["referenceRange"] = [["high": ["value": 96.2, "unit": "pg/mL", "system": FHIR.ucum, "code": "pg/mL"]]]
        #expect(try read(FHIR.bundle([limited])).input.findings.vegfElevated == true)
    }

    @Test func conditionsNotConfirmedAreNeverPresentAndRefutedIsAbsent() throws {
        let result = try read(FHIR.bundle([
            FHIR.condition("pap", FHIR.snomed, "423341008", status: "provisional"),
            FHIR.condition("hep", FHIR.snomed, "80515008", status: "differential"),
            FHIR.condition("spl", FHIR.snomed, "16294009", status: "unconfirmed"),
            FHIR.condition("asc", FHIR.snomed, "389026000", status: "refuted"),
        ]))
        #expect(result.input.findings.papilledema == nil)
        #expect(result.input.findings.organomegaly == nil)
        #expect(result.input.findings.extravascularVolumeOverload == .parts(ExtravascularVolumeOverloadParts(ascites: false)))
        let warnings = result.warnings.filter { $0.code == .conditionNotConfirmed }
        #expect(Set(warnings.flatMap(\.resources)) == ["Condition/pap", "Condition/hep", "Condition/spl"])
        #expect(warnings.allSatisfy { $0.severity == "warning" })
        #expect(warnings.first { $0.resources == ["Condition/pap"] }?.message.contains("provisional") == true)
        #expect(result.notes.filter { $0.kind == .notConfirmed }.map(\.criterion).contains("papilledema"))
    }

    @Test func theBoneLesionExtentIsReadFromItsObservationOrOneBodySite() throws {
        let extent = FHIR.observation("ext", "bone-lesion-extent", system: "urn:poemsd:fhir:codes",
                                      value: ["valueCodeableConcept": FHIR.concept("urn:poemsd:fhir:bone-lesion-extent", "widespread")])
        let lesion = FHIR.condition("os", FHIR.snomed, "49347007")
        #expect(try read(FHIR.bundle([lesion, extent])).input.findings.boneLesionExtent == .widespread)

        var oneSite = lesion
        oneSite["bodySite"] = [FHIR.concept(FHIR.snomed, "12921003")]
        let solitary = try read(FHIR.bundle([oneSite]))
        #expect(solitary.input.findings.boneLesionExtent == .solitary)
        #expect(solitary.provenance.first { $0.target == "/findings/boneLesionExtent" }?.resources == ["Condition/os"])

        var twoSites = lesion
        twoSites["bodySite"] = [FHIR.concept(FHIR.snomed, "12921003"), FHIR.concept(FHIR.snomed, "421060004")]
        let many = try read(FHIR.bundle([twoSites]))
        #expect(many.input.findings.boneLesionExtent == nil)
        #expect(many.unmapped.first?.reason.contains("a count cannot tell") == true)
    }

    @Test func serialLabResultsAreATrendAndConflictsStayForRecordsThatDisagree() throws {
        let result = try read(FHIR.bundle([
            FHIR.quantity("hb-1", "718-7", 12, unit: "g/dL", effective: "2024-01-01"),
            FHIR.quantity("hb-2", "718-7", 14, unit: "g/dL", effective: "2024-02-01"),
            FHIR.quantity("plt-1", "777-3", 400, unit: "10*9/L", effective: "2024-02-01"),
            FHIR.quantity("plt-2", "777-3", 500, unit: "10*9/L", effective: "2024-02-01"),
        ]))
        #expect(result.input.labs?.hemoglobinGPerDl == 14)
        let serial = try #require(result.warnings.first { $0.target == "/labs/hemoglobinGPerDl" })
        #expect(serial.code == .serialResults && serial.severity == "info")
        #expect(serial.resources == ["Observation/hb-2", "Observation/hb-1"])
        #expect(serial.message.contains("Observation/hb-1 (2024-01-01): 12 g/dL → 12 g/dL, then Observation/hb-2 (2024-02-01)"))
        // Two results at the same time that disagree: a conflict, left unassessed.
        #expect(result.input.labs?.plateletCount10e9PerL == nil)
        let conflict = try #require(result.warnings.first { $0.target == "/labs/plateletCount10e9PerL" })
        #expect(conflict.code == .conflictingResources && conflict.severity == "warning")
    }
}
