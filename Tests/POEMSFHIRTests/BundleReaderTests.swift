import Foundation
import Testing
import POEMSCriteria
import POEMSFHIR

@Suite struct BundleReaderTests {
    @Test func readsPatientConditionsAndLabsWithProvenance() throws {
        let result = try read(FHIR.bundle([
            FHIR.patient(),
            FHIR.condition("pn", FHIR.snomed, "42345000", status: "confirmed"),
            FHIR.condition("sp", FHIR.hpo, "HP:0001744"),
            FHIR.condition("as", FHIR.snomed, "389026000", status: "refuted"),
            FHIR.quantity("hb", "718-7", 135, unit: "g/L"),
            FHIR.quantity("plt", "777-3", 520_000, unit: "/uL"),
        ], type: "searchset"))
        let input = result.input
        #expect(input.patient == Patient(sex: .female, ageYears: 54))
        #expect(input.findings.polyneuropathy == true)
        #expect(input.findings.organomegaly == .parts(OrganomegalyParts(splenomegaly: true)))
        #expect(input.findings.extravascularVolumeOverload == .parts(ExtravascularVolumeOverloadParts(ascites: false)))
        #expect(input.labs?.hemoglobinGPerDl == 13.5)
        #expect(input.labs?.plateletCount10e9PerL == 520)
        let polyneuropathy = try #require(result.provenance.first { $0.target == "/findings/polyneuropathy" })
        #expect(polyneuropathy.resources == ["Condition/pn"])
        #expect(polyneuropathy.details.first?.verificationStatus == "confirmed")
        let hemoglobin = try #require(result.provenance.first { $0.target == "/labs/hemoglobinGPerDl" })
        #expect(hemoglobin.resources == ["Observation/hb"])
        #expect(hemoglobin.details.first?.reported == "135 g/L → 13.5 g/dL")
        #expect(hemoglobin.details.first?.evidence == "confirmed")
        #expect(result.unmapped.isEmpty)
    }

    @Test func conditionStatusesEnteredInErrorDifferentialAndUnconfirmedAreNotRead() throws {
        let result = try read(FHIR.bundle([
            FHIR.condition("e", FHIR.snomed, "42345000", status: "entered-in-error"),
            FHIR.condition("d", FHIR.snomed, "80515008", status: "differential"),
            FHIR.condition("u", FHIR.snomed, "423341008", status: "unconfirmed"),
        ]))
        #expect(result.input.findings.polyneuropathy == nil)
        #expect(result.input.findings.organomegaly == nil)
        #expect(result.input.findings.papilledema == nil)
        #expect(result.unmapped.map(\.resource) == ["Condition/e"])
        #expect(result.warnings.filter { $0.code == .conditionNotConfirmed }.flatMap(\.resources) == ["Condition/d", "Condition/u"])
    }

    @Test func hpoStyleObservationsArePresentOrAbsent() throws {
        let result = try read(FHIR.bundle([
            FHIR.feature("f1", FHIR.hpo, "HP:0001085", present: true),
            FHIR.feature("f2", FHIR.snomed, "4830009", present: false),
        ]))
        #expect(result.input.findings.papilledema == true)
        #expect(result.input.findings.skinChanges == .parts(SkinChangesParts(hyperpigmentation: false)))
    }

    @Test func unknownCodesAndUnitsGoToUnmappedWithTheReason() throws {
        var noSystem = FHIR.quantity("hb2", "718-7", 13.5, unit: "g/dL", system: "urn:other")
        noSystem["id"] = "hb2"
        let result = try read(FHIR.bundle([
            FHIR.quantity("hb1", "718-7", 13.5, unit: "g%"),
            noSystem,
            FHIR.quantity("hb3", "718-7", 135, unit: "g/dL"),
            FHIR.quantity("x", "2345-7", 90, unit: "mg/dL"),
            FHIR.quantity("v", "75628-8", 900, unit: "pg/mL"),
            ["resourceType": "Encounter", "id": "enc"],
        ]))
        #expect(result.input.labs == nil)
        let reasons = Dictionary(result.unmapped.map { ($0.resource, $0.reason) }, uniquingKeysWith: { $1 })
        #expect(reasons["Observation/hb1"]?.contains("'g%'") == true)
        #expect(reasons["Observation/hb2"]?.contains("no UCUM unit code") == true)
        #expect(reasons["Observation/hb3"]?.contains("unit error") == true)
        #expect(reasons["Observation/x"]?.contains("terminology map") == true)
        #expect(reasons["Observation/v"]?.contains("between the two cut-offs") == true)
        #expect(reasons["Encounter/enc"] != nil)
        #expect(result.unmapped.first { $0.resource == "Observation/x" }?.coding?.code == "2345-7")
    }

    @Test func vegfSpecimenComesFromTheSpecimenAndTheRangeIsTheLimit() throws {
        // No specimen code is seeded (REFERENCES.md lists none): an operator's row.
        let specimenRow = TerminologyRow(system: "urn:lab", code: "PLAS", kind: .specimen, target: "plasma", source: "local lab", evidence: .local)
        let vegf = FHIR.quantity("v", "75628-8", 320, unit: "ng/L", extra: [
            "specimen": ["reference": "Specimen/s1"],
            "referenceRange": [["high": ["value": 96.2, "unit": "pg/mL", "system": FHIR.ucum, "code": "pg/mL"]]],
        ])
        let specimen: [String: Any] = ["resourceType": "Specimen", "id": "s1", "type": FHIR.concept("urn:lab", "PLAS")]
        let result = try read(FHIR.bundle([vegf, specimen]), imported: [specimenRow])
        #expect(result.input.labs?.plasmaVegfPgPerMl == 320)
        #expect(result.input.labs?.vegfUpperLimitPgPerMl == 96.2)
        #expect(result.provenance.first { $0.target == "/labs/vegfUpperLimitPgPerMl" }?.resources == ["Observation/v"])
    }

    @Test func monoclonalProteinIsReadWhenShownAndNeverExcludedOnAnUnreadableResult() throws {
        let shown = try read(FHIR.bundle([FHIR.quantity("m", "33358-3", 0.4, unit: "g/dL")]))
        #expect(shown.input.findings.monoclonalPlasmaCellDisorder == true)
        #expect(shown.input.findings.mProteinTests?.serumElectrophoresis == true)
        let negative = try read(FHIR.bundle([FHIR.quantity("m", "33358-3", 0, unit: "g/dL"),
                                             FHIR.feature("ife", FHIR.loinc, "13440-3", present: false),
                                             FHIR.quantity("flc", "36916-5", 19.2, unit: "mg/L")]))
        // A kappa value alone neither shows nor excludes a light chain: the disorder stays unset.
        #expect(negative.input.findings.monoclonalPlasmaCellDisorder == nil)
        #expect(negative.input.findings.mProteinTests == MProteinTests(serumElectrophoresis: true, urineImmunofixation: true))
        #expect(negative.unmapped.first?.reason.contains("ratio decides") == true)
    }

    @Test func theMostRecentResourceWinsWithAWarningNamingBoth() throws {
        let result = try read(FHIR.bundle([
            FHIR.condition("old", FHIR.snomed, "42345000", recorded: "2023-01-05"),
            FHIR.feature("new", FHIR.hpo, "HP:0001271", present: false, effective: "2024-06-01T10:00:00Z"),
            FHIR.quantity("hb-a", "718-7", 12, unit: "g/dL", effective: "2024-01-01"),
            FHIR.quantity("hb-b", "718-7", 14, unit: "g/dL", effective: "2024-02-01"),
        ]))
        #expect(result.input.findings.polyneuropathy == false)
        #expect(result.input.labs?.hemoglobinGPerDl == 14)
        let warning = try #require(result.warnings.first { $0.target == "/findings/polyneuropathy" })
        #expect(warning.code == .conflictingResources)
        #expect(warning.resources == ["Observation/new", "Condition/old"])
        #expect(warning.message.contains("Condition/old") && warning.message.contains("Observation/new"))
    }

    @Test func aConflictWhoseOrderCannotBeToldIsLeftUnassessed() throws {
        let result = try read(FHIR.bundle([
            FHIR.condition("a", FHIR.snomed, "42345000"),
            FHIR.condition("b", FHIR.snomed, "42345000", status: "refuted"),
        ]))
        #expect(result.input.findings.polyneuropathy == nil)
        #expect(result.warnings.first?.code == .unresolvedConflict)
    }

    @Test func calciumAndCreatinineFromLocalCodesAreConverted() throws {
        // An operator's own codes work as the seeded LOINC rows do.
        let rows = [TerminologyRow(system: "urn:lab", code: "CA", kind: .lab, target: "calcium", source: "local lab", evidence: .local),
                    TerminologyRow(system: "urn:lab", code: "CREA", kind: .lab, target: "creatinine", source: "local lab", evidence: .local)]
        var calcium = FHIR.quantity("ca", "x", 2.5, unit: "mmol/L")
        calcium["code"] = FHIR.concept("urn:lab", "CA")
        var creatinine = FHIR.quantity("cr", "x", 176.84, unit: "umol/L")
        creatinine["code"] = FHIR.concept("urn:lab", "CREA")
        let result = try read(FHIR.bundle([calcium, creatinine]), imported: rows)
        #expect(abs((result.input.labs?.calciumMgPerDl ?? 0) - 10.02) < 1e-9)
        #expect(abs((result.input.labs?.creatinineMgPerDl ?? 0) - 2) < 1e-9)
        #expect(result.provenance.first { $0.target == "/labs/calciumMgPerDl" }?.resources == ["Observation/ca"])
    }

    static func entries(_ resources: [[String: Any]], type: String = "collection") -> [String: Any] {
        ["resourceType": "Bundle", "type": type, "entry": resources.map { ["resource": $0] }]
    }

    static var invalidCases: [(String, [String: Any])] {
        var otherSubject = FHIR.condition("c", FHIR.snomed, "42345000")
        otherSubject["subject"] = ["reference": "Patient/other"]
        return [
            ("Bundle.resourceType", ["resourceType": "Patient", "id": "p"]),
            ("Bundle.type", entries([], type: "document")),
            ("Bundle.entry[0].resource.valueQuantity.value", entries([FHIR.quantity("q", "718-7", nil, unit: "g/dL")])),
            ("Bundle.entry[0].resource.valueQuantity.value", entries([FHIR.quantity("q", "718-7", "13", unit: "g/dL")])),
            // JSON's true is never the number 1.
            ("Bundle.entry[0].resource.valueQuantity.value", entries([FHIR.quantity("q", "718-7", true, unit: "g/dL")])),
            ("Bundle.entry[0].resource.verificationStatus.coding[0].code", entries([FHIR.condition("c", FHIR.snomed, "42345000", status: "maybe")])),
            ("Bundle.entry[1].resource", entries([FHIR.patient("a"), FHIR.patient("b")])),
            ("Bundle.entry[1].resource.subject.reference", entries([FHIR.patient("p1"), otherSubject])),
            ("Bundle.entry[0].resource.birthDate", entries([FHIR.patient(birthDate: "15/06/1970")])),
        ]
    }

    @Test func invalidBundlesNameTheElement() throws {
        for (expression, bundle) in Self.invalidCases {
            let found = issues(try JSONSerialization.data(withJSONObject: bundle))
            #expect(found.map(\.expression).contains(expression), "\(expression): \(found)")
        }
    }
}
