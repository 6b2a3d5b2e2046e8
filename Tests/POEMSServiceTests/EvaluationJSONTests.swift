import FastJSON
import Foundation
import HTTPServer
@testable import POEMSAPI
import POEMSClinical
import POEMSCriteria
import Testing

/// The hand-written report JSON (``EvaluationReportJSON``) writes exactly
/// the bytes Foundation's encoder writes for each member of the same report,
/// in reading order, on the clinical scenarios and on many generated cases.
@Suite struct EvaluationJSONTests {
    static func codable(_ report: EvaluationReport) throws -> [UInt8] {
        Array(try JSONCoding.encoder.encode(report))
    }

    static func handWritten(_ report: EvaluationReport) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        EvaluationReportJSON.writeMembers(of: report, to: &json)
        json.endObject()
        return json.bytes
    }

    /// Each top-level member of `report`, encoded alone by the Codable encoder.
    static func codableMembers(_ report: EvaluationReport) throws -> [String: [UInt8]] {
        func encoded(_ value: some Encodable) throws -> [UInt8] { Array(try JSONCoding.encoder.encode(value)) }
        return [
            "summary": try encoded(report.summary), "criteriaSet": try encoded(report.criteriaSet),
            "verdict": try encoded(report.verdict), "warnings": try encoded(report.warnings),
            "evaluations": try encoded(report.evaluations), "differential": try encoded(report.differential),
            "suggestedWorkup": try encoded(report.suggestedWorkup), "derivations": try encoded(report.derivations),
            "associatedFeatures": try encoded(report.associatedFeatures), "engineVersion": try encoded(report.engineVersion),
        ]
    }

    /// An object of `members` in the order of `keys`, as the encoder writes one.
    static func object(_ members: [String: [UInt8]], in keys: [String]) throws -> [UInt8] {
        var bytes: [UInt8] = Array("{".utf8)
        for (index, key) in keys.enumerated() {
            if index > 0 { bytes += Array(",".utf8) }
            bytes += Array(try JSONCoding.encoder.encode(key)) + Array(":".utf8) + (try #require(members[key]))
        }
        return bytes + Array("}".utf8)
    }

    /// The hand-written report is the Codable encoding with its members in
    /// reading order: the members one by one, in sorted order, make the
    /// Codable encoding byte for byte (so none is missing and each is right),
    /// and in ``EvaluationReportJSON/memberOrder`` they make the hand-written bytes.
    @Test func sameBytesAsTheCodableEncodingInReadingOrder() throws {
        let engine = CriteriaEngine()
        var random = SplitMix64(seed: 0x4A534F4E)
        var cases = [try JSONDecoder().decode(CaseInput.self, from: Data(EvaluationAPITests.fullWorkup.utf8)), CaseInput()]
        for _ in 0..<100 { cases.append(Self.randomCase(&random)) }
        for input in cases {
            for headline in CriteriaSetID.allCases {
                let report = engine.evaluate(input, headline: headline)
                let members = try Self.codableMembers(report)
                #expect(try Self.object(members, in: members.keys.sorted()) == Self.codable(report))
                let expected = try Self.object(members, in: EvaluationReportJSON.memberOrder)
                let written = Self.handWritten(report)
                #expect(written == expected, "\(String(decoding: written, as: UTF8.self).prefix(300))")
            }
        }
    }

    /// The summary, the headline criteria set and its verdict come first, the
    /// long list of associated features after every verdict (issue 24).
    @Test func theReportReadsSummaryHeadlineAndVerdictFirst() throws {
        let report = CriteriaEngine().evaluate(CaseInput(), headline: .imwg2014)
        let text = String(decoding: Self.handWritten(report), as: UTF8.self)
        #expect(text.hasPrefix(#"{"summary":"#))
        let position = { (key: String) in try #require(text.range(of: "\"\(key)\":")).lowerBound }
        #expect(try position("summary") < position("criteriaSet"))
        #expect(try position("criteriaSet") < position("verdict"))
        #expect(try position("verdict") < position("evaluations"))
        #expect(try position("evaluations") < position("associatedFeatures"))
        #expect(Set(EvaluationReportJSON.memberOrder).count == EvaluationReportJSON.memberOrder.count)
    }

    @Test func numbersAndEscapesAsFoundationWritesThem() throws {
        for value in [0, -0.5, 14.2, 2400, 1e21, 0.1 + 0.2, 123456.789, -17] as [Double] {
            var json = JSONWriter()
            json.number(value)
            #expect(json.bytes == Array(try JSONCoding.encoder.encode(value)), "\(value)")
        }
        for text in ["plain", "quote \" and \\ backslash", "a/b", "line\nbreak\ttab\r", "\u{1}\u{1f}", "× 10^9/L — µ"] {
            var json = JSONWriter()
            json.string(text)
            #expect(json.bytes == Array(try JSONCoding.encoder.encode(text)), "\(text)")
        }
    }

    /// The writer checks eight bytes at a time: each character JSON escapes
    /// (and a multi-byte one) at every offset of a string longer than a word.
    @Test func escapesAtEveryOffsetAsFoundationWritesThem() throws {
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "—", " "] {
            for offset in 0..<19 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 18 - offset)
                var json = JSONWriter()
                json.string(text)
                #expect(json.bytes == Array(try JSONCoding.encoder.encode(text)), "\(text.debugDescription)")
            }
        }
    }

    /// A case with each finding and lab given, absent or left out at random.
    static func randomCase(_ random: inout SplitMix64) -> CaseInput {
        func flag() -> Bool? { [true, false, nil][random.below(3)] }
        var findings = Findings()
        findings.polyneuropathy = flag()
        findings.monoclonalPlasmaCellDisorder = flag()
        findings.monoclonalLightChain = random.below(3) == 0 ? nil : LightChain.allCases[random.below(LightChain.allCases.count)]
        findings.castlemanDisease = flag()
        findings.scleroticBoneLesions = flag()
        findings.vegfElevated = flag()
        findings.papilledema = flag()
        findings.thrombocytosis = flag()
        findings.polycythemia = flag()
        findings.amyloidOnBiopsy = flag()
        findings.clubbing = flag()
        findings.weightLoss = flag()
        findings.osteolyticBoneLesions = flag()
        findings.mriFocalLesions = random.below(3) == 0 ? random.below(4) : nil
        if findings.monoclonalPlasmaCellDisorder == false, random.below(2) == 0 {
            findings.mProteinTests = MProteinTests(serumImmunofixation: flag(), urineImmunofixation: flag(), serumFreeLightChains: flag(), lesionBiopsy: flag())
        }
        if findings.amyloidOnBiopsy != false, random.below(3) == 0 {
            findings.amyloidBiopsies = [AmyloidBiopsy(site: AmyloidBiopsySite.allCases[random.below(AmyloidBiopsySite.allCases.count)],
                                                      result: random.below(3) == 0 ? .amyloid : .noAmyloid)]
        }
        var labs = Labs()
        if random.below(3) == 0 { labs.calciumMgPerDl = Double(80 + random.below(60)) / 10 }
        if random.below(3) == 0 { labs.creatinineMgPerDl = Double(5 + random.below(40)) / 10 }
        if random.below(4) == 0 { labs.serumFreeLightChainRatio = Double(random.below(300)); labs.involvedFreeLightChainMgPerL = Double(random.below(300)) }
        if random.below(2) == 0 { labs.serumVegfPgPerMl = Double(100 + random.below(3000)) }
        if random.below(2) == 0 { labs.plateletCount10e9PerL = Double(50 + random.below(600)) + 0.5 }
        if random.below(2) == 0 { labs.hemoglobinGPerDl = Double(80 + random.below(100)) / 10 }
        if random.below(3) == 0 { labs.boneMarrowPlasmaCellPercent = Double(random.below(80)) }
        let patient = Patient(sex: random.below(3) == 0 ? nil : Sex.allCases[random.below(Sex.allCases.count)], ageYears: nil)
        return CaseInput(patient: patient, findings: findings, labs: labs)
    }
}
