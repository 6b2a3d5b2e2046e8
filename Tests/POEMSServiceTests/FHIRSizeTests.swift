import Foundation
import Testing

/// FHIR in real sizes (issue 24): a patient's `$everything` or a Synthea
/// export of about 10 MB is read under its own body limit (16 MiB by
/// default, beside the 1 MiB of the service's JSON), and the answer stays
/// small: the thousands of resources poemsd does not read are counted by
/// type in `unmappedSummary`, with at most 20 examples in `unmapped` unless
/// `?unmapped=all` asks for every one.
@Suite struct FHIRSizeTests {
    static func provenance(_ body: [String: Any], _ target: String) -> [String]? {
        FHIRAPITests.provenance(body, target)?["resources"] as? [String]
    }

    /// What every answer about ``SyntheaBundle`` with `visits` visits says
    /// about the resources poemsd does not read.
    static func expectSummary(_ body: [String: Any], visits: Int, listed: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let summary = body["unmappedSummary"] as? [String: Any]
        let expected = Dictionary(uniqueKeysWithValues: SyntheaBundle.resourcesPerVisit.map { ($0.type, $0.count * visits) })
        #expect(summary?["byResourceType"] as? [String: Int] == expected, sourceLocation: sourceLocation)
        #expect(summary?["total"] as? Int == expected.values.reduce(0, +), sourceLocation: sourceLocation)
        #expect(summary?["listed"] as? Int == listed, sourceLocation: sourceLocation)
        #expect((body["unmapped"] as? [[String: Any]])?.count == listed, sourceLocation: sourceLocation)
    }

    /// The work-up's values, each from its resource: the latest of 40 serial results.
    static func expectWorkUpRead(_ body: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(body["verdict"] as? String == "meets", sourceLocation: sourceLocation)
        #expect(provenance(body, "/labs/hemoglobinGPerDl") == ["Observation/lab-1039"], sourceLocation: sourceLocation)
        #expect(provenance(body, "/labs/plateletCount10e9PerL") == ["Observation/lab-2039"], sourceLocation: sourceLocation)
        #expect(provenance(body, "/labs/calciumMgPerDl") == ["Observation/lab-3000"], sourceLocation: sourceLocation)
        #expect(provenance(body, "/labs/creatinineMgPerDl") == ["Observation/lab-3001"], sourceLocation: sourceLocation)
        #expect(provenance(body, "/labs/plasmaVegfPgPerMl") == ["Observation/lab-3002"], sourceLocation: sourceLocation)
        #expect(provenance(body, "/findings/polyneuropathy") == ["Condition/c-pn"], sourceLocation: sourceLocation)
        #expect(provenance(body, "/patient/sex") == ["Patient/pt-everything"], sourceLocation: sourceLocation)
    }

    @Test func aTenMegabyteExportIsEvaluatedAndStoredWithASmallAnswer() throws {
        let bundle = SyntheaBundle.tenMegabytes
        #expect(bundle.bytes.count >= 10_000_000 && bundle.bytes.count < 10_100_000)
        try withService { service in
            #expect(bundle.bytes.count > service.service.configuration.http.maximumBodyBytes, "larger than the service's JSON may be")
            let evaluated = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: bundle.bytes)
            #expect(evaluated.status == 200)
            #expect(evaluated.body.count < 64 << 10, "answer of \(evaluated.body.count) bytes")
            let body = try evaluated.json()
            Self.expectWorkUpRead(body)
            Self.expectSummary(body, visits: bundle.visits, listed: 20)
            // The examples hold the first of each type.
            let examples = ((body["unmapped"] as? [[String: Any]]) ?? []).compactMap { $0["resource"] as? String }
            #expect(Set(["Encounter/enc-0", "Observation/obs-0-0", "Condition/cond-0", "Procedure/proc-0", "Claim/claim-0",
                         "ExplanationOfBenefit/eob-0", "DiagnosticReport/note-0"]).isSubset(of: examples), "\(examples)")
            // Forty serial results a lab: the message names the latest ten.
            let serial = ((body["inputWarnings"] as? [[String: Any]]) ?? []).filter { $0["code"] as? String == "serial-results" }
            #expect(serial.count == 2)
            for warning in serial {
                #expect((warning["resources"] as? [String])?.count == SyntheaBundle.serialResults)
                #expect((warning["message"] as? String)?.contains("\(SyntheaBundle.serialResults - 10) earlier results, then") == true)
            }

            // A case answers its treatment evidence too (about 46 kB): what the Bundle adds stays small.
            let created = try FHIRAPITests.post(service.port, "/v1/cases", fhir: bundle.bytes)
            #expect(created.status == 201)
            let stored = try fetch(service.port, "GET", try #require(created.header("Location")))
            for answer in [created, stored] {
                let record = try answer.json()
                #expect(record["patientRef"] as? String == "Patient/pt-everything")
                let evaluation = try #require(record["evaluation"] as? [String: Any])
                Self.expectWorkUpRead(evaluation)
                Self.expectSummary(evaluation, visits: bundle.visits, listed: 20)
                let added = try ["provenance", "unmapped", "unmappedSummary", "inputWarnings"].map { try JSONSerialization.data(withJSONObject: evaluation[$0] ?? []).count }
                #expect(added.reduce(0, +) < 16 << 10, "\(added)")
                #expect(answer.body.count < 128 << 10, "answer of \(answer.body.count) bytes")
            }
        }
    }

    @Test func everyUnmappedEntryIsListedOnRequest() throws {
        let bundle = SyntheaBundle.build(visits: 3)
        try withService { service in
            let summary = try FHIRAPITests.post(service.port, "/v1/evaluations?unmapped=summary", fhir: bundle.bytes).json()
            Self.expectSummary(summary, visits: 3, listed: 20)
            let all = try FHIRAPITests.post(service.port, "/v1/evaluations?unmapped=all", fhir: bundle.bytes).json()
            Self.expectSummary(all, visits: 3, listed: 33)
            // Each of the 33 resources once.
            let resources = ((all["unmapped"] as? [[String: Any]]) ?? []).compactMap { $0["resource"] as? String }
            #expect(Set(resources).count == 33 && resources.contains("DiagnosticReport/note-2") && resources.contains("Observation/obs-2-4"))

            // A case stores what was asked for.
            let created = try FHIRAPITests.post(service.port, "/v1/cases?unmapped=all", fhir: bundle.bytes)
            #expect(created.status == 201)
            Self.expectSummary(try #require(try created.json()["evaluation"] as? [String: Any]), visits: 3, listed: 33)

            let refused = try FHIRAPITests.post(service.port, "/v1/evaluations?unmapped=every", fhir: bundle.bytes)
            #expect(refused.status == 400)
            #expect(refused.header("Content-Type") == "application/fhir+json")
        }
    }

    /// A Bundle of the work-up's Patient and `count` VEGF results, about 400 bytes each.
    static func bundle(results count: Int) -> [UInt8] {
        FHIRBundles.bundle([FHIRBundles.patient(sex: "male")] + (0..<count).map { FHIRBundles.vegf("v\($0)", 300, specimen: FHIRBundles.plasma) })
    }

    @Test func aBundleHasItsOwnBodyLimitAnsweredAsAnOperationOutcome() throws {
        try withService(configure: {
            $0.http.maximumBodyBytes = 2048
            $0.maximumFHIRBodyBytes = 8192
        }) { service in
            // Between the two limits: a Bundle is read, the service's JSON is not.
            let small = Self.bundle(results: 10)
            #expect((2048...8192).contains(small.count))
            #expect(try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: small).status == 200)
            let json = #"{"findings": {}, "note": ""# + String(repeating: "n", count: 3000) + #""}"#
            let refused = try fetch(service.port, "POST", "/v1/cases", json: json)
            #expect(refused.status == 413)
            #expect(refused.header("Content-Type") == "application/problem+json")

            // Over the FHIR limit, by Content-Length (refused before the body is read) and chunked.
            let large = Self.bundle(results: 30)
            #expect(large.count > 8192)
            let declared = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: large)
            try FHIRErrorTests.expectOutcome(declared, 413, "too-long", "content-too-large")
            #expect((try declared.json()["issue"] as? [[String: Any]])?.first?["diagnostics"] as? String == "The request body exceeds the limit of 8192 bytes.")

            let connection = try TestConnection(port: service.port)
            var raw = "PUT /v1/cases/some-case HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n\r\n"
            for chunk in stride(from: 0, to: large.count, by: 4096).map({ large[$0..<min($0 + 4096, large.count)] }) {
                raw += String(chunk.count, radix: 16) + "\r\n" + String(decoding: chunk, as: UTF8.self) + "\r\n"
            }
            try connection.send(raw: raw + "0\r\n\r\n")
            try FHIRErrorTests.expectOutcome(try connection.receive(method: "PUT"), 413, "too-long", "content-too-large")
            #expect(try fetch(service.port, "GET", "/healthz").status == 200)
        }
    }

    @Test func aBundleOfStringsLongerThanTheJSONLimitIsReadWhereTheyAreNotRead() throws {
        // An attachment's data is not read: only the body limit bounds it.
        let attachment: [String: Any] = ["resourceType": "DiagnosticReport", "id": "note", "status": "final",
                                         "code": FHIRBundles.concept(FHIRBundles.loinc, "34117-2"),
                                         "presentedForm": [["contentType": "text/plain", "data": String(repeating: "QUJD", count: 5000)]]]
        try withService(configure: { $0.http.jsonLimits.maximumStringBytes = 1000 }) { service in
            let read = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: FHIRBundles.bundle([FHIRBundles.patient(sex: "male"), attachment]))
            #expect(read.status == 200)
            // An element poemsd reads is held to the string limit, and named.
            let code = FHIRBundles.condition("c1", String(repeating: "1", count: 1001))
            let refused = try FHIRAPITests.post(service.port, "/v1/evaluations", fhir: FHIRBundles.bundle([FHIRBundles.patient(sex: "male"), code]))
            #expect(refused.status == 400)
            let issue = try #require((try refused.json()["issue"] as? [[String: Any]])?.first)
            #expect(issue["expression"] as? [String] == ["Bundle.entry[1].resource.code.coding[0].code"])
            #expect((issue["diagnostics"] as? String)?.contains("1000 bytes") == true)
        }
    }
}
