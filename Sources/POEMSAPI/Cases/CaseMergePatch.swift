import FastJSON
import Foundation
import HTTPServer
import POEMSStorage

/// The body of `PATCH /v1/cases/{id}`: a JSON merge patch (RFC 7396) of the
/// case's current revision as a `PUT` body would give it,
/// `{"patientRef", "note", "patient", "findings", "labs"}` (its stored
/// input, note and patient reference). The patched document is read as a
/// `PUT` body is (``CaseSubmission/read(_:)``: unknown members with "Did
/// you mean", units, contradictions), so a patch can produce no revision a
/// `PUT` could not.
///
/// A revision read from a FHIR Bundle is not patched: its evaluation
/// carries where each value came from and what the Bundle left unmapped,
/// which a patch of the input derived from it would silently drop (409; a
/// `PUT` of a Bundle or of a whole JSON case replaces it).
enum CaseMergePatch {
    /// The submission the patch makes of `current`'s latest revision.
    static func submission(_ patch: JSONMergePatch, current: CaseRecord) throws -> CaseSubmission {
        if isFromFHIR(current.latest) { throw fromFHIR(current) }
        var members: [(String, [UInt8])] = []
        let encoder = JSONCoding.encoder
        if let patientRef = current.patientRef { members.append(("patientRef", Array(try encoder.encode(patientRef)))) }
        if let note = current.latest.note { members.append(("note", Array(try encoder.encode(note)))) }
        let target = JSONObjectMembers.append(members, to: Array(current.latest.input.utf8))
        let submission = try patch.read(applyingTo: target, reader: CaseSubmission.read)
        guard submission.patientRef == current.patientRef else {
            throw patientRefFixed("patientRef cannot be changed or removed; leave it out of the patch.")
        }
        return submission
    }

    /// Whether `revision` was read from a FHIR Bundle: its stored evaluation
    /// has the Bundle's `provenance`.
    static func isFromFHIR(_ revision: RevisionRecord) -> Bool {
        guard let evaluation = try? JSONSerialization.jsonObject(with: Data(revision.evaluation.utf8)) as? [String: Any] else { return false }
        return evaluation["provenance"] != nil
    }

    /// A revision that would change the case's patientRef: a request valid
    /// in itself that conflicts with the case as stored (409, like a stale
    /// revision's 412 a rule of the case's state, not of the body's form).
    static func patientRefFixed(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: ProblemDetails.typeURI("patient-ref-fixed"), title: "Patient Reference Fixed", status: 409,
                       detail: detail, pointer: "/patientRef")
    }

    static func fromFHIR(_ current: CaseRecord) -> ProblemDetails {
        ProblemDetails(
            type: ProblemDetails.typeURI("case-from-fhir"), title: "Case From FHIR", status: 409,
            detail: "Revision \(current.revision) of this case was read from a FHIR Bundle: a merge patch of the input derived from it would drop the Bundle's provenance and unmapped entries. Send the whole case with PUT, as a FHIR Bundle or as JSON; later revisions sent as JSON can be patched.")
    }
}
