import Foundation
import Testing

/// The JSON cases of issue 21 (clinical safety, second pass), each with what
/// it must give under all three criteria sets. The FHIR parity test sends
/// the cases FHIR can express as Bundles and compares the outcomes.
enum Issue21Cases {
    struct Expected {
        var verdicts: [String: String]
        /// Differential ids, in order.
        var differential: [String]
        /// Warning codes with their severities.
        var warnings: [String: String]
        /// The id of the first work-up item, `nil` when there is none.
        var firstStep: String?
    }

    static let allThreeBlood = #""serumElectrophoresis": true, "serumImmunofixation": true, "urineImmunofixation": true, "serumFreeLightChains": true"#
    static let floridFindings = #""polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "scleroticBoneLesions": true, "papilledema": true, "skinChanges": {"hyperpigmentation": true}"#
    static let indeterminate = ["dispenzieri-2003": "indeterminate", "imwg-2014": "indeterminate", "suichi-2019": "indeterminate"]
    static let doesNotMeet = ["dispenzieri-2003": "does-not-meet", "imwg-2014": "does-not-meet", "suichi-2019": "does-not-meet"]
    static let m = #""polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "IgG", "monoclonalLightChain": "lambda""#
    static let poemsOpen = ["dispenzieri-2003": "indeterminate", "imwg-2014": "indeterminate", "suichi-2019": "indeterminate"]

    /// Name, request body, expected outcome.
    static let all: [(name: String, json: String, expected: Expected)] = [
        // The issue's florid picture; the protein "absent" after electrophoresis and serum immunofixation only.
        ("florid, incomplete M work-up",
         #"{"findings": {\#(floridFindings), "mProteinTests": {"serumElectrophoresis": true, "serumImmunofixation": true}}, "labs": {"plasmaVegfPgPerMl": 780}}"#,
         Expected(verdicts: indeterminate, differential: ["cidp"], warnings: ["m-protein-possibly-missed": "critical"],
                  firstStep: "monoclonalPlasmaCellDisorder")),
        // Blood and urine negative, the sclerotic lesion never biopsied.
        ("florid, lesion unbiopsied",
         #"{"findings": {\#(floridFindings), "mProteinTests": {\#(allThreeBlood)}}, "labs": {"plasmaVegfPgPerMl": 780}}"#,
         Expected(verdicts: indeterminate, differential: ["cidp"], warnings: ["m-protein-possibly-missed": "critical"],
                  firstStep: "monoclonalPlasmaCellDisorder")),
        // The complete negative work-up, the lesion biopsied: absence established.
        ("florid, complete negative M work-up",
         #"{"findings": {\#(floridFindings), "mProteinTests": {\#(allThreeBlood), "lesionBiopsy": true}}, "labs": {"plasmaVegfPgPerMl": 780}}"#,
         Expected(verdicts: doesNotMeet, differential: ["cidp"], warnings: [:], firstStep: nil)),
        // Abeykoon et al., Am J Hematol 2017 (doi 10.1002/ajh.24845), the initial evaluation: a 61-year-old
        // woman diagnosed with CIDP; demyelinating sensorimotor neuropathy, polycythemia and thrombocytosis,
        // sclerotic bone lesions on CT; serum immunofixation not performed, the other M-protein studies
        // unremarkable.
        ("Abeykoon 2017, first treated as CIDP",
         #"{"patient": {"sex": "female", "ageYears": 61}, "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumElectrophoresis": true, "serumImmunofixation": false}, "scleroticBoneLesions": true, "polycythemia": true, "thrombocytosis": true}}"#,
         Expected(verdicts: indeterminate, differential: ["cidp"], warnings: ["m-protein-possibly-missed": "critical"],
                  firstStep: "monoclonalPlasmaCellDisorder")),
        // Each kind of myeloma-defining event, the marrow not examined.
        ("myeloma, hypercalcemia", #"{"findings": {\#(m)}, "labs": {"calciumMgPerDl": 12.4}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical"], firstStep: "myeloma-staging")),
        ("myeloma, renal insufficiency", #"{"findings": {\#(m)}, "labs": {"creatinineMgPerDl": 2.9}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical"], firstStep: "myeloma-staging")),
        ("myeloma, anemia", #"{"findings": {\#(m)}, "labs": {"hemoglobinGPerDl": 8.9}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical", "anemia-or-thrombocytopenia": "warning"], firstStep: "myeloma-staging")),
        ("myeloma, osteolytic lesions", #"{"findings": {\#(m), "osteolyticBoneLesions": true}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical"], firstStep: "myeloma-staging")),
        ("myeloma, free light chains", #"{"findings": {\#(m)}, "labs": {"serumFreeLightChainRatio": 150, "involvedFreeLightChainMgPerL": 240}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical"], firstStep: "myeloma-staging")),
        ("myeloma, MRI focal lesions", #"{"findings": {\#(m), "mriFocalLesions": 3}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical"], firstStep: "myeloma-staging")),
        // Four myeloma-defining events with 35% marrow: both parts of the definition.
        ("myeloma, four events and 35% marrow",
         #"{"findings": {\#(m), "osteolyticBoneLesions": true}, "labs": {"calciumMgPerDl": 12.4, "creatinineMgPerDl": 2.9, "hemoglobinGPerDl": 8.9, "boneMarrowPlasmaCellPercent": 35}}"#,
         Expected(verdicts: poemsOpen, differential: ["multiple-myeloma", "cidp", "al-amyloidosis"],
                  warnings: ["myeloma-defining-event": "critical", "anemia-or-thrombocytopenia": "warning"], firstStep: "myeloma-staging")),
        // 12% marrow: the requirement, not an event; POEMS met.
        ("12% marrow with POEMS",
         #"{"findings": {\#(m), "scleroticBoneLesions": true, "papilledema": true, "amyloidOnBiopsy": false}, "labs": {"boneMarrowPlasmaCellPercent": 12}}"#,
         Expected(verdicts: ["dispenzieri-2003": "meets", "imwg-2014": "meets", "suichi-2019": "indeterminate"], differential: [],
                  warnings: [:], firstStep: "vegfElevated")),
        // 65% marrow: a myeloma-defining event, warned although POEMS is met.
        ("65% marrow with POEMS",
         #"{"findings": {\#(m), "scleroticBoneLesions": true, "papilledema": true, "amyloidOnBiopsy": false}, "labs": {"boneMarrowPlasmaCellPercent": 65}}"#,
         Expected(verdicts: ["dispenzieri-2003": "meets", "imwg-2014": "meets", "suichi-2019": "indeterminate"], differential: ["multiple-myeloma"],
                  warnings: ["myeloma-defining-event": "critical"], firstStep: "myeloma-staging")),
        // The issue's light-chain patient after one negative fat-pad biopsy.
        ("negative fat pad, light chain only",
         #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "light-chain-only", "monoclonalLightChain": "lambda", "organomegaly": {"hepatomegaly": true}, "extravascularVolumeOverload": {"peripheralEdema": true, "ascites": true}, "amyloidBiopsies": [{"site": "fat-pad", "result": "no-amyloid"}]}, "labs": {"creatinineMgPerDl": 3.1}}"#,
         Expected(verdicts: ["dispenzieri-2003": "meets", "imwg-2014": "indeterminate", "suichi-2019": "indeterminate"],
                  differential: ["multiple-myeloma", "al-amyloidosis", "cidp"],
                  warnings: ["myeloma-defining-event": "critical", "no-sclerotic-lesion-or-castleman": "warning", "seed-minimum-not-met": "warning"],
                  firstStep: "myeloma-staging")),
        // An IgM protein: anti-MAG antibodies in the work-up.
        ("IgM protein with neuropathy",
         #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "IgM", "monoclonalLightChain": "kappa"}}"#,
         Expected(verdicts: poemsOpen, differential: ["igm-neuropathy", "cidp", "al-amyloidosis"],
                  warnings: ["kappa-light-chain": "warning"], firstStep: "scleroticBoneLesions")),
    ]
}

/// Issue 21 end to end over HTTP: each case of ``Issue21Cases`` through
/// `POST /v1/evaluations`, checking verdicts under all three sets, the
/// differential ids in order, warning codes with severities and the first
/// work-up step; then what each situation must say in words.
@Suite struct ClinicalSafetySecondPassTests {
    @Test func everyCaseGivesItsVerdictsDifferentialWarningsAndFirstStep() throws {
        try withService { service in
            for (name, json, expected) in Issue21Cases.all {
                let o = try ClinicalScenarioTests.evaluate(service.port, json)
                #expect(o.verdicts == expected.verdicts, "\(name)")
                #expect(o.differential == expected.differential, "\(name)")
                #expect(o.warnings == expected.warnings, "\(name)")
                let first = (o.body["suggestedWorkup"] as? [[String: Any]])?.first
                #expect(first?["id"] as? String == expected.firstStep, "\(name)")
            }
        }
    }

    static func outcome(_ port: Int, _ name: String) throws -> ClinicalScenarioTests.Outcome {
        let json = try #require(Issue21Cases.all.first { $0.name == name }?.json)
        return try ClinicalScenarioTests.evaluate(port, json)
    }

    @Test func anIncompleteWorkupNeverSaysTheCriteriaAreNotMet() throws {
        try withService { service in
            for name in ["florid, incomplete M work-up", "florid, lesion unbiopsied", "Abeykoon 2017, first treated as CIDP"] {
                let o = try Self.outcome(service.port, name)
                #expect(!o.summary.contains("do not meet"), "\(name)")
                let reasons = (o.body["differential"] as? [[String: Any]] ?? []).flatMap { $0["reasons"] as? [String] ?? [] }
                #expect(!reasons.contains { $0.contains("are not met") }, "\(name)")
                #expect(reasons.contains { $0.contains("absence is not established") }, "\(name)")
                // The evidence is shown as applying only if POEMS is confirmed, never withheld as "does not meet".
                #expect(o.body["treatmentEvidenceWithheld"] is NSNull, "\(name)")
                #expect(o.evidence?["applicability"] as? String == "only-if-poems-confirmed", "\(name)")
                for set in ["dispenzieri-2003", "imwg-2014", "suichi-2019"] {
                    #expect(o.status(set, "monoclonalPlasmaCellDisorder") == "unknown", "\(name) \(set)")
                }
            }
            let florid = try Self.outcome(service.port, "florid, incomplete M work-up")
            let workup = try #require(florid.body["suggestedWorkup"] as? [[String: Any]])
            #expect(workup.first?["name"] as? String == "the missing M-protein tests (urine immunofixation and serum free light chains)")
            let biopsy = try #require(workup.first { $0["id"] as? String == "lesion-biopsy" })
            #expect(biopsy["criteriaSets"] as? [String] == ["imwg-2014", "dispenzieri-2003", "suichi-2019"])
            let unbiopsied = try Self.outcome(service.port, "florid, lesion unbiopsied")
            let item = try #require((unbiopsied.body["suggestedWorkup"] as? [[String: Any]])?.first)
            #expect(item["name"] as? String == "biopsy of the sclerotic bone lesion")
            #expect(item["criteriaSets"] as? [String] == ["imwg-2014", "dispenzieri-2003", "suichi-2019"])
            // The complete work-up establishes the absence: now, and only now, not met.
            let complete = try Self.outcome(service.port, "florid, complete negative M work-up")
            #expect(complete.summary.hasPrefix("IMWG 2014: the findings as given do not meet the criteria"))
            #expect(complete.body["treatmentEvidence"] is NSNull)
        }
    }

    @Test func myelomaIsNamedByItsDefinition() throws {
        try withService { service in
            let four = try Self.outcome(service.port, "myeloma, four events and 35% marrow")
            let entry = try #require((four.body["differential"] as? [[String: Any]])?.first)
            let reasons = (entry["reasons"] as? [String] ?? []).joined(separator: " ")
            for event in ["Calcium 12.4 mg/dL is above 11 mg/dL", "Creatinine 2.9 mg/dL is above 2 mg/dL", "Hemoglobin 8.9 g/dL is below 10 g/dL", "Osteolytic bone lesions reported"] {
                #expect(reasons.contains(event), "\(event)")
            }
            #expect(reasons.contains("Both parts of the IMWG 2014 definition are present"))
            #expect(four.summary.contains("Next: myeloma staging"))
            let workup = try #require(four.body["suggestedWorkup"] as? [[String: Any]])
            #expect(workup.last?["id"] as? String == "cardiopulmonary-evaluation")
            let hypercalcemia = try Self.outcome(service.port, "myeloma, hypercalcemia")
            let missing = ((hypercalcemia.body["differential"] as? [[String: Any]])?.first?["reasons"] as? [String] ?? []).joined()
            #expect(missing.contains("That part of the IMWG 2014 definition is missing"))
            let twelve = try Self.outcome(service.port, "12% marrow with POEMS")
            #expect(!String(describing: twelve.body).contains("is a myeloma-defining feature"))
        }
    }

    @Test func alAmyloidosisStaysOpenAfterANegativeFatPad() throws {
        try withService { service in
            let o = try Self.outcome(service.port, "negative fat pad, light chain only")
            let entry = try #require((o.body["differential"] as? [[String: Any]])?.first { $0["condition"] as? String == "al-amyloidosis" })
            #expect((entry["reasons"] as? [String])?.contains { $0.contains("73.2%") } == true)
            #expect((entry["toExclude"] as? [String])?.first?.hasPrefix("Biopsy of an affected organ") == true)
        }
    }

    @Test func anIgMProteinAsksForAntiMAG() throws {
        try withService { service in
            let o = try Self.outcome(service.port, "IgM protein with neuropathy")
            let workup = try #require(o.body["suggestedWorkup"] as? [[String: Any]])
            let antiMAG = try #require(workup.first { $0["id"] as? String == "anti-mag-antibodies" })
            #expect((antiMAG["source"] as? String)?.contains("Mayo Clin Proc 2017") == true)
            #expect(workup.last?["id"] as? String == "cardiopulmonary-evaluation")
        }
    }

    /// Issue 21: an evaluation stored by engine 2.0.0 reads back as stored
    /// (every new input is optional; a stored input without them is valid).
    @Test func inputsAndRevisionsOfEngine2ReadBack() throws {
        try withService { service in
            let created = try fetch(service.port, "POST", "/v1/cases", json: #"{"patientRef": "MRN-21", "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumElectrophoresis": true}}}"#)
            #expect(created.status == 201)
            let json = try created.json()
            let id = try #require(json["id"] as? String)
            #expect((json["evaluation"] as? [String: Any])?["verdict"] as? String == "indeterminate")
            // The revision as engine 2.0.0 stored it: the same evaluation under the old version.
            try TestSQL.execute(service.databasePath, """
                UPDATE revisions SET evaluation = replace(evaluation, '"engineVersion":"3.0.0"', '"engineVersion":"2.0.0"'),
                engine_version = '2.0.0' WHERE case_pk = (SELECT pk FROM cases WHERE id = '\(id)')
                """)
            let revisions = try #require(try fetch(service.port, "GET", "/v1/cases/\(id)/revisions").json()["revisions"] as? [[String: Any]])
            #expect(revisions.map { $0["engineVersion"] as? String } == ["2.0.0"])
            let stored = try #require(revisions.first?["evaluation"] as? [String: Any])
            #expect(stored["engineVersion"] as? String == "2.0.0")
            #expect(stored["verdict"] as? String == "indeterminate")
        }
    }
}
