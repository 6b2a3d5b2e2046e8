import Testing
import POEMSFHIR

@Suite struct UnitConversionTests {
    @Test(arguments: [
        (LabKind.hemoglobin, 13.5, "g/dL", 13.5),
        (.hemoglobin, 135, "g/L", 13.5),
        (.hemoglobin, 8.4, "mmol/L", 13.5324),   // × 1.611 (monomer, 16.11 g per mmol)
        (.platelets, 520, "10*9/L", 520),
        (.platelets, 520, "10*3/uL", 520),
        (.platelets, 520_000, "/uL", 520),
        (.vegfPlasma, 320, "pg/mL", 320),
        (.vegfPlasma, 320, "ng/L", 320),
        (.calcium, 2.5, "mmol/L", 10.02),       // × 4.008
        (.calcium, 10.2, "mg/dL", 10.2),
        (.creatinine, 88.42, "umol/L", 1),      // ÷ 88.42
        (.creatinine, 1.1, "mg/dL", 1.1),
        // UCUM's lower-case litre is the same unit (REFERENCES.md, Codes for EHR input).
        (.hemoglobin, 13.5, "g/dl", 13.5),
        (.hemoglobin, 135, "g/l", 13.5),
        (.calcium, 10.2, "mg/dl", 10.2),
        (.calcium, 2.5, "mmol/l", 10.02),
        (.creatinine, 88.42, "umol/l", 1),
        (.platelets, 520, "10*3/ul", 520),
        (.vegfPlasma, 320, "pg/ml", 320),
    ])
    func convertsToTheServiceUnit(kind: LabKind, value: Double, unit: String, expected: Double) throws {
        let converted = try kind.convert(value, ucum: unit).get()
        #expect(abs(converted - expected) < 1e-9)
    }

    @Test func unknownMissingAndImplausibleUnitsAreNeverGuessed() {
        #expect(LabKind.hemoglobin.convert(13.5, ucum: nil) == .failure(.missingUnit))
        // UCUM is case-sensitive: only the litre has two spellings.
        #expect(LabKind.hemoglobin.convert(13.5, ucum: "G/DL") == .failure(.unknownUnit("G/DL", accepted: ["g/L", "g/dL", "mmol/L"])))
        #expect(LabKind.hemoglobin.convert(13.5, ucum: "g/dL ") == .failure(.unknownUnit("g/dL ", accepted: ["g/L", "g/dL", "mmol/L"])))
        #expect(LabKind.creatinine.convert(1, ucum: "Umol/L") == .failure(.unknownUnit("Umol/L", accepted: ["mg/dL", "umol/L"])))
        // 135 "g/dL" is a g/L value sent with the wrong unit (REFERENCES.md: above 25 g/dL).
        guard case .failure(.implausible) = LabKind.hemoglobin.convert(135, ucum: "g/dL") else {
            Issue.record("135 g/dL accepted")
            return
        }
        guard case .failure(.implausible) = LabKind.calcium.convert(2.5, ucum: "mg/dL") else {
            Issue.record("2.5 mg/dL calcium accepted")
            return
        }
    }
}
