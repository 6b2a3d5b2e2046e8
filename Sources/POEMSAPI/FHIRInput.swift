import Foundation
import HTTPServer
import POEMSCriteria
import POEMSFHIR

/// Request bodies sent as `application/fhir+json`: a FHIR R4 Bundle read
/// into the findings input (`POST /v1/evaluations`, `POST`/`PUT /v1/cases`).
enum FHIRInput {
    static let mediaType = "application/fhir+json"

    /// Whether the request's body is declared FHIR JSON.
    static func isFHIR(_ request: HTTPRequest) -> Bool {
        guard let contentType = request.headers["Content-Type"] else { return false }
        return contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased() == mediaType
    }

    /// Reads the Bundle, or throws a 400 OperationOutcome (or the JSON
    /// limits' problem, as for any JSON body).
    static func read(_ request: HTTPRequest, terminology: TerminologyMap) throws -> FHIRFindings {
        guard !request.body.isEmpty else {
            throw FHIROutcome(FHIRValidationError(issues: [FHIRIssue(.required, at: "Bundle", "The request body is empty; a FHIR Bundle is expected.")]))
        }
        try request.jsonLimits.check(request.body)
        do {
            return try BundleReader(terminology: terminology, evaluationDate: Date()).read(Data(request.body))
        } catch {
            throw FHIROutcome(error)
        }
    }

    /// The members the response adds for a FHIR input: `provenance`,
    /// `unmapped` and `inputWarnings`.
    static func members(_ findings: FHIRFindings) throws -> [(String, [UInt8])] {
        let encoder = JSONCoding.encoder
        return [
            ("provenance", Array(try encoder.encode(findings.provenance))),
            ("unmapped", Array(try encoder.encode(findings.unmapped))),
            ("inputWarnings", Array(try encoder.encode(findings.warnings))),
        ]
    }
}

/// A Bundle refused: 400 `application/fhir+json` OperationOutcome, whose
/// `issue[].expression` is what FHIR clients parse.
struct FHIROutcome: ResponseError {
    let error: FHIRValidationError
    var status: Int { 400 }

    init(_ error: FHIRValidationError) { self.error = error }

    func response(requestID: String?) -> HTTPResponse {
        let body = (try? JSONCoding.encoder.encode(error.outcome)).map(Array.init) ?? Array(#"{"resourceType":"OperationOutcome","issue":[]}"#.utf8)
        return HTTPResponse(status: 400, headers: ["Content-Type": FHIRInput.mediaType, "Cache-Control": "no-store"], body: body)
    }
}
