import Foundation
import HTTPServer
import POEMSFHIR
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The data of a CDS call: the prefetch the EHR sent, and what is missing
/// fetched from its `fhirServer` with its `fhirAuthorization` (when both are
/// given); assembled into one Bundle for ``BundleReader``.
enum CDSPrefetch {
    /// The prefetch templates, by key (CDS Hooks 2.0 prefetch tokens): the
    /// Patient, the Conditions, the Observations of every code of the
    /// terminology map (seed and imported: the POEMS findings, the M-protein
    /// tests, VEGF, the blood count, calcium and creatinine) with the
    /// Specimens they name (VEGF's serum or plasma), and, when the map has
    /// a lesion-biopsy code, those Procedures.
    static func templates(terminology: TerminologyMap) -> [String: String] {
        func codes(_ rows: [TerminologyRow]) -> String { rows.map { "\($0.system)|\($0.code)" }.joined(separator: ",") }
        var templates = [
            "patient": "Patient/{{context.patientId}}",
            "conditions": "Condition?patient={{context.patientId}}",
            "observations": "Observation?patient={{context.patientId}}&code=\(codes(terminology.rows.filter { $0.kind != .specimen }))&_include=Observation:specimen",
        ]
        let biopsies = terminology.rows.filter { $0.kind == .monoclonalProtein && $0.target == TerminologyRow.MonoclonalProteinTest.lesionBiopsy.rawValue }
        if !biopsies.isEmpty {
            templates["procedures"] = "Procedure?patient={{context.patientId}}&code=\(codes(biopsies))"
        }
        return templates
    }

    /// The keys a call cannot do without; `procedures` is read when present
    /// (or fetched when the data can be fetched).
    static let requiredKeys = ["patient", "conditions", "observations"]

    /// A 412: a prefetch key is missing and the data cannot be fetched.
    static func missing(_ keys: [String]) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("prefetch-missing"), title: "Precondition Failed", status: 412,
                       detail: "The prefetch lacks \(keys.joined(separator: ", ")) and no fhirServer with fhirAuthorization was given to fetch it.")
    }

    /// The resources of the call as one collection Bundle.
    static func bundle(_ call: CDSServiceRequest, terminology: TerminologyMap) async throws -> JSONValue {
        var results = call.prefetch
        let queries = templates(terminology: terminology)
        let missing = requiredKeys.filter { results[$0] == nil }
        if !missing.isEmpty, call.fhirServer == nil || call.accessToken == nil { throw Self.missing(missing) }
        if let server = call.fhirServer, let token = call.accessToken {
            for key in queries.keys.sorted() where results[key] == nil {
                let query = queries[key]!.replacingOccurrences(of: "{{context.patientId}}", with: call.patientID)
                results[key] = try await FHIRServerClient(base: server, accessToken: token).read(query)
            }
        }
        var entries: [JSONValue] = []
        for key in requiredKeys + ["procedures"] {
            guard let result = results[key] else { continue }
            if case .object(let resource) = result, resource["resourceType"] == .string("Bundle") {
                if case .array(let items)? = resource["entry"] { entries += items }
            } else {
                entries.append(.object(["resource": result]))
            }
        }
        return .object(["resourceType": .string("Bundle"), "type": .string("collection"), "entry": .array(entries)])
    }
}

/// Reads from the EHR's FHIR server with its access token (URLSession).
/// The token goes in the Authorization header and nowhere else.
struct FHIRServerClient {
    let base: URL
    let accessToken: String
    static let timeout: TimeInterval = 10
    static let maximumBytes = 8 << 20

    /// GETs `relative` (`Patient/123`, `Condition?patient=123`) as FHIR JSON.
    func read(_ relative: String) async throws -> JSONValue {
        let baseText = base.absoluteString.hasSuffix("/") ? base.absoluteString : base.absoluteString + "/"
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? relative
        guard let url = URL(string: baseText + encoded) else { throw Self.failure }
        var request = URLRequest(url: url, timeoutInterval: Self.timeout)
        request.setValue("application/fhir+json", forHTTPHeaderField: "Accept")
        request.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization")
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw Self.failure
        }
        guard (response as? HTTPURLResponse)?.statusCode == 200, data.count <= Self.maximumBytes,
              let value = try? JSONValue.parse(data) else { throw Self.failure }
        return value
    }

    /// Characters left as they are in a FHIR search URL.
    private static let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "+"))

    /// 502: the EHR's FHIR server did not answer usefully. Nothing of its
    /// answer (patient data) is repeated.
    static var failure: ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("fhir-server-failed"), title: "Bad Gateway", status: 502,
                       detail: "The missing prefetch could not be read from fhirServer.")
    }
}
