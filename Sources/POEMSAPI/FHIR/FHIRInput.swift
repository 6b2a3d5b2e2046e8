import FastJSON
import Foundation
import HTTPServer
import POEMSCriteria
import POEMSFHIR

/// Request bodies sent as `application/fhir+json`: a FHIR R4 Bundle read
/// into the findings input (`POST /v1/evaluations`, `POST`/`PUT /v1/cases`).
enum FHIRInput {
    static let mediaType = "application/fhir+json"

    /// The largest Bundle accepted by default: a patient's `$everything` or
    /// a Synthea export is several megabytes, mostly resources poemsd does
    /// not read, and it is read once.
    static let defaultMaximumBodyBytes = 16 << 20

    /// Whether the request's body is declared FHIR JSON.
    static func isFHIR(_ request: HTTPRequest) -> Bool {
        request.headers["Content-Type"].map { MediaType.essence($0) == mediaType } ?? false
    }

    /// What a route that takes a Bundle declares: the body limit of a
    /// Bundle, and its errors as OperationOutcomes for FHIR clients.
    static func accept(in options: inout RouteOptions, maximumBodyBytes: Int) {
        options.maximumBodyBytesByMediaType[mediaType] = maximumBodyBytes
        options.problemFormat = ProblemOutcome.format
    }

    /// Throws 415 unless the body is JSON (the service's own, or a Bundle),
    /// naming both media types (`Accept-Post`).
    static func requireJSON(_ request: HTTPRequest) throws(ProblemDetails) {
        guard let contentType = request.headers["Content-Type"], MediaType.isJSON(contentType) else {
            var problem = ProblemDetails.unsupportedMediaType(
                "The request body must be application/json, or a FHIR R4 Bundle as \(mediaType); got \(request.headers["Content-Type"].map { "'\($0)'" } ?? "no Content-Type").")
            problem.headers.set("Accept-Post", "application/json, \(mediaType)")
            throw problem
        }
    }

    /// Reads the Bundle, or throws a 400 OperationOutcome.
    ///
    /// The JSON limits apply as to any JSON body (nesting, a member named
    /// twice, `\u0000`), except the string length: an element poemsd does
    /// not read (an attachment's base64 data, a narrative) is bounded by the
    /// body limit only, and the elements it reads by the reader, at the
    /// string limit (``BundleReader/maximumStringBytes``).
    static func read(_ request: HTTPRequest, terminology: TerminologyMap) throws -> FHIRFindings {
        guard !request.body.isEmpty else {
            throw FHIROutcome(FHIRValidationError(issues: [FHIRIssue(.required, at: "Bundle", "The request body is empty; a FHIR Bundle is expected.")]))
        }
        var limits = request.jsonLimits
        limits.maximumStringBytes = .max
        do {
            try limits.check(request.body)
        } catch {
            throw FHIROutcome(FHIRValidationError(issues: [FHIRIssue(.structure, at: FHIRPath.of(pointer: error.pointer ?? ""), error.detail ?? error.title)]))
        }
        do {
            return try BundleReader(terminology: terminology, evaluationDate: Date(), maximumStringBytes: request.jsonLimits.maximumStringBytes)
                .read(request.body)
        } catch {
            throw FHIROutcome(error)
        }
    }

    /// The members the response adds for a FHIR input: `provenance`,
    /// `unmapped` (examples, or every entry with `?unmapped=all`),
    /// `unmappedSummary` and `inputWarnings`.
    static func members(_ findings: FHIRFindings, unmapped listing: UnmappedQuery) throws -> [(String, [UInt8])] {
        let encoder = JSONCoding.encoder
        let listed = listing == .all ? findings.unmapped : UnmappedSummary.examples(findings.unmapped)
        return [
            ("provenance", Array(try encoder.encode(findings.provenance))),
            ("unmapped", Array(try encoder.encode(listed))),
            ("unmappedSummary", Array(try encoder.encode(UnmappedSummary(findings.unmapped, listed: listed.count)))),
            ("inputWarnings", Array(try encoder.encode(findings.warnings))),
        ]
    }
}

/// The `?unmapped=` parameter of the routes that take a Bundle: `summary`
/// (the default) lists at most ``UnmappedSummary/defaultExamples`` entries
/// beside the counts; `all` lists every one.
enum UnmappedQuery: String, CaseIterable {
    case summary, all

    static func listing(_ query: QueryParameters) throws(ProblemDetails) -> UnmappedQuery {
        guard let value = query["unmapped"] else { return .summary }
        guard let listing = UnmappedQuery(rawValue: value) else {
            throw .invalidParameter("unmapped must be one of \(allCases.map(\.rawValue).joined(separator: ", ")).", parameter: "unmapped")
        }
        return listing
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

/// FHIRPath expressions of elements of a Bundle.
enum FHIRPath {
    /// The expression of the element at a JSON pointer into a Bundle:
    /// `/entry/3/resource/code` is `Bundle.entry[3].resource.code` (FHIR
    /// element names are never numbers, so a number is an index).
    static func of(pointer: String) -> String {
        var path = "Bundle"
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            path += !name.isEmpty && name.allSatisfy(\.isASCII) && name.allSatisfy(\.isNumber) ? "[\(name)]" : ".\(name)"
        }
        return path
    }
}
