import Foundation
import HTTPServer
import POEMSFHIR

/// The body of a CDS Hooks 2.0 service call: `hook`, `hookInstance`,
/// `context`, `prefetch`, and optionally `fhirServer` with
/// `fhirAuthorization`. Only what poemsd uses is read; the access token is
/// kept in memory for the call and never logged or stored.
struct CDSServiceRequest: Sendable {
    let hook: String
    let hookInstance: String
    let patientID: String
    /// Prefetch results by key; a key absent or `null` was not prefetched.
    let prefetch: [String: JSONValue]
    let fhirServer: URL?
    let accessToken: String?

    static func decode(_ request: HTTPRequest, expectedHook: String) throws -> CDSServiceRequest {
        let document = try request.jsonValue()
        guard case .object(let body) = document else { throw ProblemDetails.invalidField("The body must be a JSON object.", pointer: "") }
        func string(_ value: JSONValue?, _ pointer: String) throws -> String {
            guard case .string(let text)? = value, !text.isEmpty else {
                throw ProblemDetails.invalidField("\(pointer) must be a non-empty string.", pointer: pointer)
            }
            return text
        }
        let hook = try string(body["hook"], "/hook")
        guard hook == expectedHook else {
            throw ProblemDetails.invalidField("This service answers the \(expectedHook) hook; got \(hook).", pointer: "/hook")
        }
        let hookInstance = try string(body["hookInstance"], "/hookInstance")
        guard case .object(let context)? = body["context"] else {
            throw ProblemDetails.invalidField("context must be an object.", pointer: "/context")
        }
        let patientID = try string(context["patientId"], "/context/patientId")
        var prefetch: [String: JSONValue] = [:]
        if let value = body["prefetch"] {
            guard case .object(let members) = value else { throw ProblemDetails.invalidField("prefetch must be an object.", pointer: "/prefetch") }
            prefetch = members.filter { $0.value != .null }
        }
        var fhirServer: URL?
        if let value = body["fhirServer"] {
            let text = try string(value, "/fhirServer")
            guard let url = URL(string: text), ["https", "http"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ProblemDetails.invalidField("fhirServer must be an absolute http(s) URL.", pointer: "/fhirServer")
            }
            fhirServer = url
        }
        var accessToken: String?
        if let value = body["fhirAuthorization"] {
            guard case .object(let authorization) = value else {
                throw ProblemDetails.invalidField("fhirAuthorization must be an object.", pointer: "/fhirAuthorization")
            }
            accessToken = try string(authorization["access_token"], "/fhirAuthorization/access_token")
            let type = try string(authorization["token_type"], "/fhirAuthorization/token_type")
            guard type.lowercased() == "bearer" else {
                throw ProblemDetails.invalidField("fhirAuthorization.token_type must be Bearer.", pointer: "/fhirAuthorization/token_type")
            }
        }
        return CDSServiceRequest(hook: hook, hookInstance: hookInstance, patientID: patientID, prefetch: prefetch,
                                 fhirServer: fhirServer, accessToken: accessToken)
    }
}
