import Foundation
import Testing
import POEMSCriteria
import POEMSFHIR

/// The M-protein tests of a Bundle become `mProteinTests` and
/// `monoclonalPlasmaCellDisorder` as a clinician would send them in JSON
/// (REFERENCES.md, "When the M-protein counts as absent").
@Suite struct MProteinReadingTests {
    static var completeNegative: [[String: Any]] { [
        FHIR.quantity("spep", "33358-3", 0, unit: "g/dL"),
        FHIR.mProtein("sife", "25700-6", shown: false),
        FHIR.mProtein("uife", "13440-3", shown: false),
        FHIR.ratio("flc", 1.1, interpretation: "N"),
    ] }

    @Test func aCompleteNegativeWorkUpSetsTheDisorderAbsentWithEveryTestDone() throws {
        let result = try read(FHIR.bundle(Self.completeNegative))
        #expect(result.input.findings.monoclonalPlasmaCellDisorder == false)
        #expect(result.input.findings.mProteinTests == MProteinTests(
            serumElectrophoresis: true, serumImmunofixation: true, urineImmunofixation: true, serumFreeLightChains: true))
        #expect(result.unmapped.isEmpty)
        #expect(result.notes.isEmpty)
        let provenance = try #require(result.provenance.first { $0.target == "/findings/monoclonalPlasmaCellDisorder" })
        #expect(Set(provenance.resources) == ["Observation/spep", "Observation/sife", "Observation/uife", "Observation/flc"])
    }

    @Test func anIncompleteNegativeWorkUpListsOnlyTheTestsInTheBundle() throws {
        let result = try read(FHIR.bundle(Array(Self.completeNegative.prefix(2))))
        #expect(result.input.findings.monoclonalPlasmaCellDisorder == false)
        #expect(result.input.findings.mProteinTests == MProteinTests(serumElectrophoresis: true, serumImmunofixation: true))
    }

    @Test func aProteinShownByAnyTestSetsTheDisorderPresent() throws {
        let result = try read(FHIR.bundle([FHIR.quantity("spep", "33358-3", 0, unit: "g/dL"), FHIR.mProtein("uife", "13440-3", shown: true)]))
        #expect(result.input.findings.monoclonalPlasmaCellDisorder == true)
        #expect(result.provenance.first { $0.target == "/findings/monoclonalPlasmaCellDisorder" }?.resources == ["Observation/uife"])
        // An interpretation code alone also reads (POS/DET, NEG/ND).
        let coded = try read(FHIR.bundle([FHIR.observation("sife", "25700-6", value: [:], extra: ["interpretation": [FHIR.concept(FHIR.interpretation, "POS")]])]))
        #expect(coded.input.findings.monoclonalPlasmaCellDisorder == true)
    }

    @Test func theRatioDecidesByTheLaboratorysOwnRange() throws {
        var inRange = FHIR.ratio("flc", 1.2, interpretation: nil)
        inRange["referenceRange"] = [["low": ["value": 0.26], "high": ["value": 1.65]]]
        let normal = try read(FHIR.bundle([inRange, FHIR.quantity("kappa", "36916-5", 19.2, unit: "mg/L")]))
        #expect(normal.input.findings.mProteinTests?.serumFreeLightChains == true)
        #expect(normal.input.findings.monoclonalPlasmaCellDisorder == false)
        #expect(normal.notes.isEmpty) // the kappa value is not needed beside the ratio

        let abnormal = try read(FHIR.bundle([FHIR.mProtein("sife", "25700-6", shown: false), FHIR.ratio("flc", 3.4, interpretation: "H")]))
        #expect(abnormal.input.findings.monoclonalPlasmaCellDisorder == nil)
        #expect(abnormal.input.findings.mProteinTests == MProteinTests(serumImmunofixation: true))
        let note = try #require(abnormal.notes.first)
        #expect(note.kind == .notInterpretable && note.criterion == "monoclonalPlasmaCellDisorder")
        #expect(note.text.contains("outside the laboratory's reference range"))
        #expect(abnormal.unmapped.first?.target == "/findings/mProteinTests/serumFreeLightChains")
    }

    @Test func anUnreadableResultIsNeverANegative() throws {
        // Kappa alone, and an immunofixation coded with a value poemsd cannot read.
        let result = try read(FHIR.bundle([
            FHIR.mProtein("sife", "25700-6", shown: false),
            FHIR.quantity("kappa", "36916-5", 19.2, unit: "mg/L"),
            FHIR.observation("uife", "13440-3", value: ["valueString": "no band"]),
        ]))
        #expect(result.input.findings.monoclonalPlasmaCellDisorder == nil)
        #expect(result.input.findings.mProteinTests == MProteinTests(serumImmunofixation: true))
        #expect(Set(result.notes.map(\.resource)) == ["Observation/kappa", "Observation/uife"])
        #expect(result.notes.first { $0.resource == "Observation/kappa" }?.text.contains("ratio decides") == true)
        #expect(result.notes.first { $0.resource == "Observation/uife" }?.text.contains("a valueString was given") == true)
    }

    @Test func aLesionBiopsyIsReadFromAnObservationAndAProcedureIsNotAResult() throws {
        let biopsy = TerminologyRow(system: "urn:lab", code: "BX", kind: .monoclonalProtein, target: "lesion-biopsy", source: "local", evidence: .local)
        var observation = FHIR.mProtein("bx", "x", shown: false)
        observation["code"] = FHIR.concept("urn:lab", "BX")
        let negative = try read(FHIR.bundle(Self.completeNegative + [observation]), imported: [biopsy])
        #expect(negative.input.findings.mProteinTests?.lesionBiopsy == true)
        #expect(negative.input.findings.monoclonalPlasmaCellDisorder == false)

        let procedure: [String: Any] = ["resourceType": "Procedure", "id": "bx", "status": "completed", "code": FHIR.concept("urn:lab", "BX"),
                                        "subject": ["reference": "Patient/p1"], "performedDateTime": "2024-03-02"]
        let done = try read(FHIR.bundle(Self.completeNegative + [procedure]), imported: [biopsy])
        #expect(done.input.findings.mProteinTests?.lesionBiopsy == nil)
        #expect(done.input.findings.monoclonalPlasmaCellDisorder == nil)
        #expect(done.notes.first?.resource == "Procedure/bx")
        #expect(done.notes.first?.text.contains("not what it showed") == true)
    }

    @Test func serialResultsOfOneTestAreATrendTheLatestDeciding() throws {
        let result = try read(FHIR.bundle([
            FHIR.mProtein("sife-1", "25700-6", shown: true, effective: "2023-01-01"),
            FHIR.mProtein("sife-2", "25700-6", shown: false, effective: "2024-06-01"),
        ]))
        #expect(result.input.findings.monoclonalPlasmaCellDisorder == false)
        let warning = try #require(result.warnings.first { $0.code == .serialResults })
        #expect(warning.severity == "info")
        #expect(warning.resources == ["Observation/sife-2", "Observation/sife-1"])
        #expect(!result.warnings.contains { $0.code == .conflictingResources })
    }

    @Test func aProteinWithoutReadableCalciumOrCreatinineSaysSo() throws {
        let result = try read(FHIR.bundle([
            FHIR.mProtein("sife", "25700-6", shown: true),
            FHIR.quantity("ca", "17861-6", 12.4, unit: "mg/dl"),
            FHIR.quantity("cr", "2160-0", 2.9, unit: "mEq/L"),
        ]))
        #expect(result.input.labs?.calciumMgPerDl == 12.4)
        let warnings = result.warnings.filter { $0.code == .myelomaLabsNotRead }
        #expect(warnings.map(\.target) == ["/labs/creatinineMgPerDl"])
        #expect(warnings.first?.resources == ["Observation/sife", "Observation/cr"])
        #expect(warnings.first?.message.contains("Renal insufficiency") == true)
    }
}
