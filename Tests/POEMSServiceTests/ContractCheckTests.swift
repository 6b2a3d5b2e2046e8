import Testing

/// The contract check that every end-to-end response goes through
/// (``OpenAPIContract``) must be able to fail: responses that break the
/// document are reported, conforming ones are not.
@Suite struct ContractCheckTests {
    let contract = OpenAPIContract.shared

    func response(_ status: Int, _ body: String, type: String = "application/json") -> WireResponse {
        WireResponse(status: status, headers: [("Content-Type", type)], body: Array(body.utf8))
    }

    @Test func aConformingResponsePasses() {
        let problem = #"{"type": "urn:poemsd:problem:not-found", "title": "Not Found", "status": 404}"#
        #expect(contract.violations(method: "GET", target: "/v1/criteria/nope", response: response(404, problem, type: "application/problem+json")).isEmpty)
        #expect(contract.violations(method: "GET", target: "/nowhere", response: response(404, problem, type: "application/problem+json")).isEmpty)
        let outcome = #"{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-found", "diagnostics": "No resource."}]}"#
        #expect(contract.violations(method: "POST", target: "/cds-services/nowhere", response: response(404, outcome)).isEmpty)
        #expect(contract.violations(method: "POST", target: "/cds-services/poems-syndrome", response: response(401, outcome, type: "application/fhir+json")).isEmpty)
    }

    @Test func breachesAreReported() {
        // A required member missing, a member of the wrong type, a value outside its enum.
        #expect(!contract.violations(method: "GET", target: "/healthz", response: response(200, "{}", type: "application/health+json")).isEmpty)
        #expect(!contract.violations(method: "GET", target: "/healthz", response: response(200, #"{"status": 1}"#, type: "application/health+json")).isEmpty)
        #expect(!contract.violations(method: "GET", target: "/healthz", response: response(200, #"{"status": "fine"}"#, type: "application/health+json")).isEmpty)
        // A status the operation does not document, a media type it does not.
        #expect(!contract.violations(method: "GET", target: "/healthz", response: response(418, "{}")).isEmpty)
        #expect(!contract.violations(method: "GET", target: "/healthz", response: response(200, #"{"status": "pass"}"#, type: "text/plain")).isEmpty)
        // Under /cds-services, problem+json: a CDS client gets OperationOutcomes only.
        let problem = #"{"type": "urn:poemsd:problem:unauthorized", "title": "Unauthorized", "status": 401}"#
        #expect(!contract.violations(method: "POST", target: "/cds-services/poems-syndrome", response: response(401, problem, type: "application/problem+json")).isEmpty)
        #expect(!contract.violations(method: "POST", target: "/cds-services/nowhere", response: response(404, problem, type: "application/problem+json")).isEmpty)
        // An error outside the document that is not a problem document.
        #expect(!contract.violations(method: "GET", target: "/nowhere", response: response(404, "not found", type: "text/plain")).isEmpty)
        // A path parameter matches one segment only.
        let found = #"{"type": "urn:poemsd:problem:not-found", "title": "Not Found", "status": 404}"#
        #expect(contract.violations(method: "GET", target: "/v1/cases/a/revisions", response: response(404, found, type: "application/problem+json")).isEmpty)
        #expect(!contract.violations(method: "GET", target: "/v1/cases/a/revisions", response: response(200, "[]")).isEmpty)
    }
}
