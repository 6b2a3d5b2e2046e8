import FastJSON
import HTTPServer
import POEMSClinical
import POEMSCriteria

/// `POST /v1/evaluations`: findings, labs and patient in (our JSON, or a
/// FHIR R4 Bundle as `application/fhir+json`, up to the FHIR body limit);
/// every criteria set evaluated and explained out. Nothing is stored. A
/// Bundle need not hold a Patient: without one, sex and age are unknown.
enum EvaluationRoutes {
    static func register(in router: inout ProtectedRouter, service: EvaluationService, terminology: TerminologyCatalog, maximumFHIRBodyBytes: Int) {
        router.post("/v1/evaluations", .reader, query: ["criteria", "include", "unmapped"], fhirBodyBytes: maximumFHIRBodyBytes) { request, _ in
            let headline = try CriteriaQuery.headline(request.query)
            let include = try IncludeQuery.sections(request.query)
            let unmapped = try UnmappedQuery.listing(request.query)
            let withEvidence = include.contains(.treatmentEvidence)
            if FHIRInput.isFHIR(request) {
                let findings = try FHIRInput.read(request, terminology: terminology.map())
                let body = try JSONObjectMembers.append(
                    FHIRInput.members(findings, unmapped: unmapped),
                    to: service.evaluateJSON(findings.input, headline: headline, includeTreatmentEvidence: withEvidence, annotate: findings.annotate))
                return .json(bytes: body, headers: ["Cache-Control": "no-store"])
            }
            try FHIRInput.requireJSON(request)
            let input = try request.decodeJSON(reader: CaseInputReader.read)
            return .json(bytes: service.evaluateJSON(input, headline: headline, includeTreatmentEvidence: withEvidence),
                         headers: ["Cache-Control": "no-store"])
        }
    }
}

/// The `?include=` parameter: the long sections an evaluation leaves out
/// unless asked for, comma-separated.
public enum IncludeQuery: String, CaseIterable, Sendable {
    /// The published treatment evidence (about 16 kB), tied to the verdict.
    case treatmentEvidence

    static func sections(_ query: QueryParameters) throws(ProblemDetails) -> Set<IncludeQuery> {
        guard let value = query["include"] else { return [] }
        var sections: Set<IncludeQuery> = []
        for name in value.split(separator: ",", omittingEmptySubsequences: false) {
            guard let section = IncludeQuery(rawValue: String(name)) else {
                throw .invalidParameter("include must be a comma-separated list of: \(allCases.map(\.rawValue).joined(separator: ", ")).", parameter: "include")
            }
            sections.insert(section)
        }
        return sections
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
