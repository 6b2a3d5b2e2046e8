import Foundation
import Testing

/// Issue 21's FHIR situations end to end over HTTP: the M-protein work-up
/// read from the Bundle, results present but not interpretable, UCUM's
/// lower-case litre, SNOMED CT specimens, a VEGF of unknown specimen,
/// Conditions not confirmed, serial results and the bone-lesion extent.
/// Every Bundle built here is valid FHIR for `fhir.resources`.
@Suite struct FHIRClinicalTests {
    typealias B = FHIRBundles
    static var polyneuropathy: [String: Any] { B.condition("pn", "42345000") }
    static var completeNegative: [[String: Any]] { [
        B.lab("spep", "33358-3", 0, "g/dL"), B.mProtein("sife", "25700-6", shown: false),
        B.mProtein("uife", "13440-3", shown: false), B.freeLightChainRatio("flc", 1.1, interpretation: "N"),
    ] }
    static var shown: [String: Any] { B.mProtein("sife", "25700-6", shown: true) }
    /// The "incomplete" Bundle as the service's JSON (issue 21's florid picture).
    static let incompleteJSON = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumElectrophoresis": true, "serumImmunofixation": true}, "scleroticBoneLesions": true, "papilledema": true, "skinChanges": {"hyperpigmentation": true}}, "labs": {"plasmaVegfPgPerMl": 780}}"#

    static var bundles: [String: [[String: Any]]] { [
        "complete-negative": [B.patient(sex: "female")] + [polyneuropathy] + completeNegative,
        "incomplete": [polyneuropathy, B.condition("os", "49347007"), B.feature("pap", "423341008", present: true),
                       B.feature("hyp", "4830009", present: true), B.vegf("v", 780, specimen: B.plasma)] + completeNegative.prefix(2),
        "ratio-unreadable": [polyneuropathy] + completeNegative.prefix(3) + [B.freeLightChainRatio("flc", 1.1, interpretation: nil)],
        "lower-case-litre": [B.patient(sex: "male"), polyneuropathy, shown, B.lab("hb", "718-7", 18.2, "g/dl"),
                             B.lab("ca", "17861-6", 12.4, "mg/dl"), B.lab("cr", "14682-9", 256.4, "umol/l")],
        "serum-specimen": [polyneuropathy, shown, B.vegf("v", 1200, specimen: B.serum)],
        "plasma-specimen": [polyneuropathy, shown, B.vegf("v", 320, specimen: B.plasma)],
        "vegf-1980": [polyneuropathy, shown, B.vegf("v", 1980, specimen: nil)],
        "vegf-500": [polyneuropathy, shown, B.vegf("v", 500, specimen: nil)],
        "provisional": [polyneuropathy, shown, B.condition("pap", "423341008", status: "provisional")],
        "refuted": [polyneuropathy, shown, B.condition("pap", "423341008", status: "refuted")],
        "serial": [polyneuropathy, shown, B.lab("hb-1", "718-7", 16.1, "g/dL", effective: "2024-01-10"),
                   B.lab("hb-2", "718-7", 17.8, "g/dL", effective: "2024-06-10"), B.patient(sex: "male")],
        "extent": [polyneuropathy, shown, B.condition("os", "49347007"), B.feature("pap", "423341008", present: true),
                   B.vegf("v", 640, specimen: B.plasma), B.boneLesionExtent("ext", "widespread")],
    ] }

    struct Answer {
        let body: [String: Any]
        var verdicts: [String: String] {
            Dictionary(uniqueKeysWithValues: (body["evaluations"] as? [[String: Any]] ?? []).map { ($0["criteriaSet"] as? String ?? "", $0["verdict"] as? String ?? "") })
        }
        func criterion(_ set: String, _ id: String) -> [String: Any]? {
            let evaluation = (body["evaluations"] as? [[String: Any]])?.first { $0["criteriaSet"] as? String == set }
            return (evaluation?["criteria"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        }
        var workup: [[String: Any]] { body["suggestedWorkup"] as? [[String: Any]] ?? [] }
        var warnings: [String: String] {
            Dictionary((body["warnings"] as? [[String: Any]] ?? []).map { ($0["code"] as? String ?? "", $0["severity"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        }
        var inputWarnings: [[String: Any]] { body["inputWarnings"] as? [[String: Any]] ?? [] }
        var differential: [String] { (body["differential"] as? [[String: Any]] ?? []).compactMap { $0["condition"] as? String } }
        func provenance(_ target: String) -> [String: Any]? { (body["provenance"] as? [[String: Any]])?.first { $0["target"] as? String == target } }
    }

    static func evaluate(_ port: Int, _ name: String, include: Bool = false) throws -> Answer {
        let response = try fetch(port, "POST", "/v1/evaluations" + (include ? "?include=treatmentEvidence" : ""),
                                 headers: [("Content-Type", "application/fhir+json")], body: B.bundle(bundles[name]!))
        #expect(response.status == 200, "\(name): \(String(decoding: response.body, as: UTF8.self))")
        return Answer(body: try response.json())
    }

    @Test func theBundlesAreValidFHIR() throws {
        try validateFHIR(Self.bundles.keys.sorted().map { ($0, B.bundle(Self.bundles[$0]!)) })
    }

    @Test func aCompleteNegativeWorkUpIsNotMetAndNotAskedForAgain() throws {
        try withService { service in
            let answer = try Self.evaluate(service.port, "complete-negative")
            #expect(answer.verdicts == ["dispenzieri-2003": "does-not-meet", "imwg-2014": "does-not-meet", "suichi-2019": "does-not-meet"])
            #expect(answer.criterion("imwg-2014", "monoclonalPlasmaCellDisorder")?["status"] as? String == "not-met")
            #expect(!answer.workup.contains { $0["criterion"] as? String == "monoclonalPlasmaCellDisorder" })
            #expect(answer.warnings["m-protein-possibly-missed"] == nil)
            #expect(answer.differential == ["cidp"])
            #expect(answer.provenance("/findings/mProteinTests/serumFreeLightChains")?["resources"] as? [String] == ["Observation/flc"])
        }
    }

    @Test func anIncompleteWorkUpReadsAsTheSameJSONAndFlagsTheMissedProtein() throws {
        try withService { service in
            let answer = try Self.evaluate(service.port, "incomplete")
            let json = try fetch(service.port, "POST", "/v1/evaluations", json: Self.incompleteJSON).json()
            #expect(answer.verdicts == Answer(body: json).verdicts)
            #expect(answer.verdicts["imwg-2014"] != "meets")
            #expect(answer.warnings["m-protein-possibly-missed"] == "critical")
            #expect(answer.workup.first?["criterion"] as? String == "monoclonalPlasmaCellDisorder")
            #expect(answer.provenance("/findings/mProteinTests/urineImmunofixation") == nil)
            #expect(answer.provenance("/findings/mProteinTests/serumImmunofixation")?["resources"] as? [String] == ["Observation/sife"])
        }
    }

    @Test func aResultPresentButUnreadableIsNotInterpretableAndTheWorkUpSaysToCorrectIt() throws {
        try withService { service in
            let answer = try Self.evaluate(service.port, "ratio-unreadable")
            #expect(answer.verdicts == ["dispenzieri-2003": "indeterminate", "imwg-2014": "indeterminate", "suichi-2019": "indeterminate"])
            let criterion = try #require(answer.criterion("imwg-2014", "monoclonalPlasmaCellDisorder"))
            #expect(criterion["status"] as? String == "unknown")
            #expect((criterion["basis"] as? String)?.hasPrefix("Result present, not interpretable: serum free light chain ratio (Observation/flc).") == true)
            let first = try #require(answer.workup.first)
            #expect(first["id"] as? String == "monoclonalPlasmaCellDisorder")
            #expect(first["name"] as? String == "correct the recorded serum free light chain ratio result")
            #expect((first["test"] as? String)?.contains("rather than ordering the test again") == true)
            #expect((answer.body["summary"] as? String)?.contains("Next: correct the recorded serum free light chain ratio result") == true)
            let unmapped = (answer.body["unmapped"] as? [[String: Any]])?.first { $0["resource"] as? String == "Observation/flc" }
            #expect(unmapped?["target"] as? String == "/findings/mProteinTests/serumFreeLightChains")
        }
    }

    @Test func ucumsLowerCaseLitreIsRead() throws {
        try withService { service in
            let answer = try Self.evaluate(service.port, "lower-case-litre")
            // 18.2 g/dl in a man: polycythemia (seed 004, Table 2: above 17 g/dL).
            #expect(answer.criterion("imwg-2014", "thrombocytosisOrPolycythemia")?["status"] as? String == "met")
            let details = answer.provenance("/labs/hemoglobinGPerDl")?["details"] as? [[String: Any]]
            #expect(details?.first?["reported"] as? String == "18.2 g/dl → 18.2 g/dL")
            #expect(answer.provenance("/labs/calciumMgPerDl") != nil)
            #expect(answer.provenance("/labs/creatinineMgPerDl") != nil)
            #expect(answer.differential.contains("multiple-myeloma"))
            #expect(!answer.inputWarnings.contains { $0["code"] as? String == "myeloma-labs-not-read" })
        }
    }

    @Test func snomedSerumAndPlasmaSpecimensAreRead() throws {
        try withService { service in
            let serum = try Self.evaluate(service.port, "serum-specimen")
            #expect(serum.provenance("/labs/serumVegfPgPerMl")?["resources"] as? [String] == ["Observation/v"])
            #expect(serum.criterion("suichi-2019", "vegfElevated")?["status"] as? String == "met")
            let plasma = try Self.evaluate(service.port, "plasma-specimen")
            #expect(plasma.provenance("/labs/plasmaVegfPgPerMl")?["resources"] as? [String] == ["Observation/v"])
            #expect(plasma.criterion("suichi-2019", "vegfElevated")?["status"] as? String == "met")
            // No calcium or creatinine beside the protein: said, not silent.
            let codes = plasma.inputWarnings.filter { $0["code"] as? String == "myeloma-labs-not-read" }.compactMap { $0["target"] as? String }
            #expect(codes == ["/labs/calciumMgPerDl", "/labs/creatinineMgPerDl"])
        }
    }

    @Test func aVEGFOfUnknownSpecimenAboveBothCutOffsIsElevatedBetweenThemNotInterpretable() throws {
        try withService { service in
            let above = try Self.evaluate(service.port, "vegf-1980")
            let met = try #require(above.criterion("suichi-2019", "vegfElevated"))
            #expect(met["status"] as? String == "met")
            #expect((met["basis"] as? String)?.contains("elevated whichever it is") == true)
            #expect(above.provenance("/findings/vegfElevated")?["resources"] as? [String] == ["Observation/v"])

            let between = try Self.evaluate(service.port, "vegf-500")
            let unknown = try #require(between.criterion("suichi-2019", "vegfElevated"))
            #expect(unknown["status"] as? String == "unknown")
            #expect((unknown["basis"] as? String)?.hasPrefix("Result present, not interpretable") == true)
            #expect(between.verdicts["suichi-2019"] == "indeterminate")
            let item = try #require(between.workup.first { $0["id"] as? String == "vegfElevated" })
            #expect(item["name"] as? String == "correct the recorded VEGF-A in serum or plasma result")
        }
    }

    @Test func aProvisionalConditionIsNeverPresentAndARefutedOneIsAbsent() throws {
        try withService { service in
            let provisional = try Self.evaluate(service.port, "provisional")
            // Papilledema was Dispenzieri 2003's only minor criterion: not counted, so not met.
            #expect(provisional.verdicts["dispenzieri-2003"] == "indeterminate")
            #expect(provisional.criterion("dispenzieri-2003", "papilledema")?["status"] as? String == "unknown")
            let warning = try #require(provisional.inputWarnings.first { $0["code"] as? String == "condition-not-confirmed" })
            #expect(warning["resources"] as? [String] == ["Condition/pap"])
            #expect(warning["severity"] as? String == "warning")
            #expect((warning["message"] as? String)?.contains("provisional") == true)

            let refuted = try Self.evaluate(service.port, "refuted")
            #expect(refuted.criterion("dispenzieri-2003", "papilledema")?["status"] as? String == "not-met")
            #expect(!refuted.inputWarnings.contains { $0["code"] as? String == "condition-not-confirmed" })
        }
    }

    @Test func serialResultsAreATrendNotAConflict() throws {
        try withService { service in
            let answer = try Self.evaluate(service.port, "serial")
            let warning = try #require(answer.inputWarnings.first { $0["target"] as? String == "/labs/hemoglobinGPerDl" })
            #expect(warning["code"] as? String == "serial-results")
            #expect(warning["severity"] as? String == "info")
            #expect(warning["resources"] as? [String] == ["Observation/hb-2", "Observation/hb-1"])
            #expect(!answer.inputWarnings.contains { $0["code"] as? String == "conflicting-resources" })
            // The latest, 17.8 g/dL in a man, decides: polycythemia.
            #expect(answer.criterion("imwg-2014", "thrombocytosisOrPolycythemia")?["status"] as? String == "met")
        }
    }

    @Test func theBoneLesionExtentSentDecidesTheEvidenceShown() throws {
        try withService { service in
            let answer = try Self.evaluate(service.port, "extent", include: true)
            #expect(answer.verdicts["imwg-2014"] == "meets")
            #expect(answer.provenance("/findings/boneLesionExtent")?["resources"] as? [String] == ["Observation/ext"])
            let evidence = try #require(answer.body["treatmentEvidence"] as? [String: Any])
            #expect(evidence["boneLesionExtent"] as? String == "widespread")
        }
    }
}
