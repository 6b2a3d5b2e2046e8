import Foundation
import Testing

/// `POST /v1/evaluations` and `GET /v1/criteria`, end to end over HTTP.
@Suite struct EvaluationAPITests {
    static let fullWorkup = #"""
    {
      "patient":  {"sex": "female", "ageYears": 52},
      "findings": {
        "polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "lambda",
        "castlemanDisease": false, "scleroticBoneLesions": true, "boneLesionExtent": "solitary",
        "vegfElevated": true,
        "organomegaly": {"splenomegaly": true, "hepatomegaly": false, "lymphadenopathy": null},
        "extravascularVolumeOverload": {"peripheralEdema": true, "pleuralEffusion": false, "ascites": false},
        "endocrinopathy": {"adrenal": false, "thyroid": true, "pituitary": false, "gonadal": true, "parathyroid": false, "pancreatic": false},
        "skinChanges": {"hyperpigmentation": true, "hypertrichosis": false, "hemangiomata": false, "plethora": false, "acrocyanosis": false, "flushing": false, "whiteNails": false},
        "papilledema": false, "thrombocytosis": true, "polycythemia": false,
        "clubbing": false, "weightLoss": true, "hyperhidrosis": false, "pulmonaryHypertension": false, "restrictiveLungDisease": false,
        "thromboticDiathesis": false, "arthralgias": false, "cardiomyopathy": false, "fever": false, "lowVitaminB12": false, "diarrhea": false
      },
      "labs": {"serumVegfPgPerMl": 2400, "plasmaVegfPgPerMl": null, "vegfUpperLimitPgPerMl": null, "plateletCount10e9PerL": 520, "hemoglobinGPerDl": 14.2}
    }
    """#

    static func evaluation(_ body: [String: Any], _ set: String) -> [String: Any]? {
        (body["evaluations"] as? [[String: Any]])?.first { $0["criteriaSet"] as? String == set }
    }

    @Test func fullWorkupIsEvaluatedUnderEverySet() throws {
        try withService { service in
            let response = try fetch(service.port, "POST", "/v1/evaluations?include=treatmentEvidence", json: Self.fullWorkup)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let body = try response.json()
            #expect(body["criteriaSet"] as? String == "imwg-2014")
            #expect(body["verdict"] as? String == "meets")
            let sets = (body["evaluations"] as? [[String: Any]])?.compactMap { $0["criteriaSet"] as? String }
            #expect(sets == ["dispenzieri-2003", "imwg-2014", "suichi-2019"])
            for set in sets ?? [] {
                let evaluation = try #require(Self.evaluation(body, set))
                #expect(evaluation["verdict"] as? String == "meets", "\(set)")
                #expect((evaluation["citation"] as? String)?.isEmpty == false)
                let criteria = try #require(evaluation["criteria"] as? [[String: Any]])
                #expect(criteria.allSatisfy { ($0["basis"] as? String)?.isEmpty == false })
            }
            // Thyroid alone does not count; gonadal does: the criterion is met and the basis explains.
            let endocrine = (Self.evaluation(body, "imwg-2014")?["criteria"] as? [[String: Any]])?.first { $0["id"] as? String == "endocrinopathy" }
            #expect(endocrine?["status"] as? String == "met")
            #expect(body["disclaimer"] as? String != nil)
            // Solitary lesion: the radiation row; always: the rows where nobody improved.
            let evidence = try #require(body["treatmentEvidence"] as? [String: Any])
            let slugs = (evidence["rows"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } ?? []
            #expect(slugs.contains("radiation"))
            #expect(slugs.contains("intravenous-immunoglobulin"))
            #expect(slugs.contains("plasmapheresis"))
            #expect(!slugs.contains("melphalan-prednisone"))
        }
    }

    @Test func headlineFollowsTheCriteriaParameter() throws {
        try withService { service in
            let body = try fetch(service.port, "POST", "/v1/evaluations?criteria=suichi-2019", json: Self.fullWorkup).json()
            #expect(body["criteriaSet"] as? String == "suichi-2019")

            let bad = try fetch(service.port, "POST", "/v1/evaluations?criteria=imwg-2015", json: Self.fullWorkup)
            #expect(bad.status == 400)
            #expect(try bad.json()["parameter"] as? String == "criteria")
        }
    }

    @Test func serverDefaultCriteriaSetIsConfigurable() throws {
        try withService(configure: { $0.defaultCriteriaSet = .dispenzieri2003 }) { service in
            let body = try fetch(service.port, "POST", "/v1/evaluations", json: Self.fullWorkup).json()
            #expect(body["criteriaSet"] as? String == "dispenzieri-2003")
        }
    }

    @Test func setsDisagreeOnPapilledemaOnly() throws {
        try withService { service in
            let json = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "papilledema": true, "castlemanDisease": false, "scleroticBoneLesions": false, "vegfElevated": false}}"#
            let body = try fetch(service.port, "POST", "/v1/evaluations", json: json).json()
            #expect(Self.evaluation(body, "dispenzieri-2003")?["verdict"] as? String == "meets")
            #expect(Self.evaluation(body, "imwg-2014")?["verdict"] as? String == "does-not-meet")
            #expect(Self.evaluation(body, "suichi-2019")?["verdict"] as? String == "does-not-meet")
            let codes = (body["warnings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(codes.contains("no-sclerotic-lesion-or-castleman"))
        }
    }

    @Test func emptyFindingsAreIndeterminateWithWorkup() throws {
        try withService { service in
            let body = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {}}"#).json()
            #expect(body["verdict"] as? String == "indeterminate")
            for set in ["dispenzieri-2003", "imwg-2014", "suichi-2019"] {
                #expect(Self.evaluation(body, set)?["verdict"] as? String == "indeterminate")
                #expect((Self.evaluation(body, set)?["undetermined"] as? [String])?.isEmpty == false)
            }
            let workup = (body["suggestedWorkup"] as? [[String: Any]])?.compactMap { $0["criterion"] as? String } ?? []
            #expect(workup.contains("monoclonalPlasmaCellDisorder"))
            #expect(workup.contains("scleroticBoneLesions"))
            let mProtein = (body["suggestedWorkup"] as? [[String: Any]])?.first { $0["criterion"] as? String == "monoclonalPlasmaCellDisorder" }
            #expect((mProtein?["test"] as? String)?.contains("immunofixation") == true)
        }
    }

    @Test(arguments: [
        (#"{"findings": {"papiledema": true}}"#, "/findings/papiledema"),
        (#"{"findings": {"organomegaly": {"splenomegally": true}}}"#, "/findings/organomegaly/splenomegally"),
        (#"{"findings": {}, "labz": {}}"#, "/labz"),
        (#"{"findings": {"polyneuropathy": "yes"}}"#, "/findings/polyneuropathy"),
        (#"{"findings": {"monoclonalLightChain": "mu"}}"#, "/findings/monoclonalLightChain"),
        (#"{"findings": {}, "labs": {"plateletCount10e9PerL": -3}}"#, "/labs/plateletCount10e9PerL"),
        (#"{"findings": {}, "patient": {"sex": "unknown"}}"#, "/patient/sex"),
        (#"{"patient": {"sex": "male"}}"#, "/findings"),
        // A repeated member: parsers disagree on which value wins.
        (#"{"findings": {"polyneuropathy": false, "papilledema": true, "polyneuropathy": true}}"#, "/findings/polyneuropathy"),
        (#"{"findings": {}, "findings": {"polyneuropathy": true}}"#, "/findings"),
    ])
    func rejectedInputNamesTheField(json: String, pointer: String) throws {
        try withService { service in
            let response = try fetch(service.port, "POST", "/v1/evaluations", json: json)
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.json()
            #expect(problem["pointer"] as? String == pointer)
            #expect(problem["type"] as? String == "urn:poemsd:problem:invalid-field")
            #expect((problem["detail"] as? String)?.isEmpty == false)
        }
    }

    @Test func criteriaSetsAreListedAndServedInFull() throws {
        try withService { service in
            let listing = try fetch(service.port, "GET", "/v1/criteria").json()
            let ids = (listing["criteriaSets"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == ["dispenzieri-2003", "imwg-2014", "suichi-2019"])
            #expect(listing["defaultCriteriaSet"] as? String == "imwg-2014")

            let response = try fetch(service.port, "GET", "/v1/criteria/imwg-2014")
            #expect(response.status == 200)
            let definition = try response.json()
            let criteria = try #require(definition["criteria"] as? [[String: Any]])
            let roles = Dictionary(criteria.compactMap { c in (c["id"] as? String).map { ($0, c["role"] as? String ?? "") } }, uniquingKeysWith: { a, _ in a })
            #expect(roles["polyneuropathy"] == "major")
            #expect(roles["vegfElevated"] == "other-major")
            #expect(roles["papilledema"] == "minor")
            let skin = criteria.first { $0["id"] as? String == "skinChanges" }
            #expect((skin?["parts"] as? [[String: Any]])?.count == 7)
            // Source attributes (HTI-1 style): citations, developer, funding, dates, and the patient attributes the rules use.
            func sexUse(_ definition: [String: Any]) -> Bool? {
                ((definition["sourceAttributes"] as? [String: Any])?["patientAttributes"] as? [[String: Any]])?
                    .first { $0["attribute"] as? String == "sex" }?["used"] as? Bool
            }
            let attributes = try #require(definition["sourceAttributes"] as? [String: Any])
            #expect((attributes["citations"] as? [String])?.first == "Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548.")
            #expect(attributes["fundingSource"] as? String == "none")
            #expect((attributes["developer"] as? String)?.hasPrefix("The poemsd project") == true)
            let dates = try #require(attributes["releaseDates"] as? [String: Any])
            #expect(dates["criteriaPublished"] as? String == "2014")
            #expect((dates["rulesRevised"] as? String)?.count == 10 && dates["rulesVersion"] as? String == listing["engineVersion"] as? String)
            let uses = (attributes["patientAttributes"] as? [[String: Any]] ?? []).compactMap { $0["attribute"] as? String }
            #expect(Set(uses) == ["race", "ethnicity", "language", "sexual orientation", "gender identity", "sex", "date of birth",
                                  "social determinants of health", "health status assessments"])
            #expect(sexUse(definition) == true, "the polycythemia threshold of a minor criterion")
            #expect(sexUse(try fetch(service.port, "GET", "/v1/criteria/suichi-2019").json()) == false, "no criterion of Suichi 2019 reads polycythemia")

            let table1 = try fetch(service.port, "GET", "/v1/criteria/dispenzieri-2003").json()
            let footnoteTexts = ((table1["footnotes"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }.joined()
            #expect(footnoteTexts.contains("Osteosclerotic lesion or Castleman disease is almost always present"))

            let etag = try #require(response.header("ETag"))
            #expect(try fetch(service.port, "GET", "/v1/criteria/imwg-2014", headers: [("If-None-Match", etag)]).status == 304)
            #expect(try fetch(service.port, "GET", "/v1/criteria/imwg-2015").status == 404)
        }
    }

    @Test func theDefaultAnswerLeavesTheEvidenceTablesOut() throws {
        try withService { service in
            let short = try fetch(service.port, "POST", "/v1/evaluations", json: Self.fullWorkup)
            let long = try fetch(service.port, "POST", "/v1/evaluations?include=treatmentEvidence", json: Self.fullWorkup)
            let body = try short.json()
            #expect(body["treatmentEvidence"] == nil)
            #expect(body["treatmentEvidenceWithheld"] is NSNull, "met: the evidence is available, not withheld")
            for member in ["verdict", "summary", "evaluations", "differential", "warnings", "derivations", "suggestedWorkup", "disclaimer"] {
                #expect(body[member] != nil, "\(member)")
            }
            #expect(try long.json()["treatmentEvidence"] is [String: Any])
            #expect(short.body.count * 2 < long.body.count)
            // Withheld evidence is said so by default too.
            let none = try fetch(service.port, "POST", "/v1/evaluations", json: #"{"findings": {"polyneuropathy": false}}"#).json()
            #expect((none["treatmentEvidenceWithheld"] as? String)?.contains("not shown") == true)

            let bad = try fetch(service.port, "POST", "/v1/evaluations?include=everything", json: Self.fullWorkup)
            #expect(bad.status == 400)
            #expect(try bad.json()["parameter"] as? String == "include")
        }
    }

    @Test func commandLineEvaluateMatchesTheAPI() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        try withService { service in
            // Byte for byte: the same document, with and without the evidence, under another headline set.
            for (query, arguments) in [("", [String]()), ("?include=treatmentEvidence", ["--include", "treatmentEvidence"]),
                                       ("?criteria=suichi-2019", ["--criteria", "suichi-2019"])] {
                let api = try fetch(service.port, "POST", "/v1/evaluations" + query, json: Self.fullWorkup)
                #expect(api.status == 200)
                let result = try runProcess(binary, ["evaluate", "-"] + arguments, input: Data(Self.fullWorkup.utf8))
                #expect(result.status == 0)
                #expect(result.output == api.text + "\n", "poemsd evaluate \(arguments) differs from POST /v1/evaluations\(query)")
            }

            let rejected = try runProcess(binary, ["evaluate", "-"], input: Data(#"{"findings": {"papiledema": true}}"#.utf8))
            #expect(rejected.status == 2)
            #expect(rejected.output.contains("/findings/papiledema"))
        }
    }
}

/// The `poemsd` executable built next to the test bundle.
func poemsdExecutable() -> String? {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [here, here.deletingLastPathComponent(), here.deletingLastPathComponent().deletingLastPathComponent()]
        .map { $0.appendingPathComponent("poemsd").path }
        + [TestService.fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/poemsd").path]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}
