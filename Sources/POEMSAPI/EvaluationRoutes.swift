import HTTPServer
import POEMSCriteria

/// `POST /v1/evaluations`: findings, labs and patient in (our JSON, or a
/// FHIR R4 Bundle as `application/fhir+json`); every criteria set evaluated
/// and explained out. Nothing is stored.
enum EvaluationRoutes {
    static func register(in router: inout ProtectedRouter, service: EvaluationService, terminology: TerminologyCatalog) {
        router.add("POST", "/v1/evaluations", .reader) { request, _, _ in
            try QueryValidation.rejectUnknown(request.query, allowed: ["criteria"])
            let headline = try CriteriaQuery.headline(request.query)
            if FHIRInput.isFHIR(request) {
                let findings = try FHIRInput.read(request, terminology: terminology.map())
                let body = try JSONObjectMembers.append(FHIRInput.members(findings), to: service.evaluateJSON(findings.input, headline: headline))
                return .json(bytes: body, headers: ["Cache-Control": "no-store"])
            }
            let input = try request.decodeJSON(CaseInput.self)
            return try .json(bytes: service.evaluateJSON(input, headline: headline), headers: ["Cache-Control": "no-store"])
        }
    }
}

/// The `?criteria=ID` parameter naming the headline criteria set.
enum CriteriaQuery {
    static func headline(_ query: QueryParameters) throws(ProblemDetails) -> CriteriaSetID? {
        guard let value = query["criteria"] else { return nil }
        guard let id = CriteriaSetID(rawValue: value) else {
            throw .invalidParameter("criteria must be one of \(CriteriaSetID.allCases.map(\.rawValue).joined(separator: ", ")).", parameter: "criteria")
        }
        return id
    }
}
