import HTTPServer
import POEMSStorage

/// What a `viewer` key (a wall screen: the dashboard's kiosk mode) may read:
/// statistics, counts and verdicts, never what names a case or a patient.
///
/// - `GET /v1/stats`: as a reader gets it (counts only).
/// - `GET /v1/cases`: each item without `id`, `patientRef` and `href`; its
///   `patientRef` filter is 403 (it would tell whether a patient is stored).
/// - `GET /v1/changes`: each change without `caseId` and `href`.
/// - every other `/v1` route: 403. Notes are in no representation a viewer
///   gets.
///
/// Redaction fails closed: any caller whose role does not allow what a
/// reader does gets the redacted form.
enum ViewerAccess {
    /// Whether the caller gets the redacted representation.
    static func redacts(_ context: RequestContext) -> Bool {
        !(context.principal?.role.allows(.reader) ?? false)
    }

    /// For a query parameter a viewer may not use: 403, as the role check answers.
    static func forbid(_ parameter: String, in request: HTTPRequest, _ context: RequestContext) throws(ProblemDetails) {
        guard redacts(context), request.query[parameter] != nil else { return }
        throw ProblemDetails(type: ProblemDetails.typeURI("forbidden"), title: "Forbidden", status: 403,
                             detail: "The role viewer may not query by \(parameter); this needs reader.")
    }

    /// Marks an entity tag's identity as that of the redacted form, so a
    /// cache never answers one representation with the other's tag.
    static func tagIdentity(_ identity: String, _ context: RequestContext) -> String {
        redacts(context) ? "viewer:" + identity : identity
    }
}
