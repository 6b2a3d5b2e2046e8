import FastJSON
import Foundation
import HTTPServer
import POEMSClinical
import POEMSCriteria
import POEMSStorage

/// The JSON of case records and their entity tags.
///
/// A case reads as
/// `{"id", "patientRef", "createdAt", "updatedAt", "revision", "input",
/// "note", "evaluation", "criteriaSets", "engineVersion", "links"}`, where
/// `input` and `evaluation` are those stored with the revision.
enum CaseRepresentation {
    struct Metadata: Encodable {
        let id: String
        let patientRef: String?
        let createdAt: String
        let updatedAt: String
        let revision: Int
        let note: String?
        let criteriaSets: [String]
        let engineVersion: String
        let links: Links
    }

    struct Links: Encodable {
        let `self`: String
        let revisions: String
    }

    struct RevisionMetadata: Encodable {
        let revision: Int
        let createdAt: String
        let note: String?
        let criteriaSets: [String]
        let engineVersion: String
        let deleted: Bool
    }

    static func path(_ id: String) -> String { "/v1/cases/\(id)" }

    /// The case with its latest revision.
    static func json(_ record: CaseRecord, service: EvaluationService) throws -> [UInt8] {
        let metadata = Metadata(
            id: record.id, patientRef: record.patientRef, createdAt: record.createdAt, updatedAt: record.updatedAt,
            revision: record.revision, note: record.latest.note, criteriaSets: record.latest.criteriaSets,
            engineVersion: record.latest.engineVersion,
            links: Links(self: path(record.id), revisions: path(record.id) + "/revisions"))
        return JSONObjectMembers.append(
            [("input", Array(record.latest.input.utf8)), ("evaluation", evaluation(record.latest, service))],
            to: Array(try JSONCoding.encoder.encode(metadata)))
    }

    /// One revision in the history.
    static func json(_ revision: RevisionRecord, service: EvaluationService) throws -> [UInt8] {
        let metadata = RevisionMetadata(revision: revision.number, createdAt: revision.createdAt, note: revision.note,
                                        criteriaSets: revision.criteriaSets, engineVersion: revision.engineVersion,
                                        deleted: revision.deleted)
        return JSONObjectMembers.append(
            [("input", Array(revision.input.utf8)), ("evaluation", evaluation(revision, service))],
            to: Array(try JSONCoding.encoder.encode(metadata)))
    }

    /// The evaluation document of a stored revision.
    private static func evaluation(_ revision: RevisionRecord, _ service: EvaluationService) -> [UInt8] {
        let stored = Array(revision.evaluation.utf8)
        guard let reference = revision.treatmentEvidence else { return stored }
        return service.complete(report: stored, treatmentEvidence: reference)
    }

    /// A strong entity tag for the case at `revision`: it changes with every
    /// revision and with the service version (which may change the JSON).
    static func etag(id: String, revision: Int) -> String {
        EntityTag.of(identity: "case:\(id):\(revision):\(ServiceVersion.current)")
    }

    /// The revision an `If-Match` value designates, given the case's current
    /// revision: `current` when it matches (or is `*`), else `nil`.
    static func matches(ifMatch header: String, id: String, currentRevision: Int) -> Bool {
        let tag = etag(id: id, revision: currentRevision)
        return header.split(separator: ",").contains {
            let candidate = $0.trimmingOptionalWhitespace
            return candidate == "*" || candidate == tag
        }
    }

    /// The stored draft of a new revision, from a submission and its
    /// evaluation: the report without the treatment-evidence tables, which
    /// are referenced.
    static func draft(_ submission: CaseSubmission, service: EvaluationService, headline: CriteriaSetID?) throws -> RevisionDraft {
        let report = submission.annotate(service.engine.evaluate(submission.input, headline: headline ?? service.defaultCriteriaSet))
        // A FHIR input's provenance, unmapped entries and input warnings are
        // stored with the report, in the revision's one write.
        let evaluation = JSONObjectMembers.append(submission.evaluationMembers, to: service.reportJSON(report))
        var criteria: [(criteriaSet: String, criterion: String, status: String)] = []
        var verdicts: [String: String] = [:]
        for set in report.evaluations {
            verdicts[set.criteriaSet.rawValue] = set.verdict.rawValue
            for criterion in set.criteria {
                criteria.append((set.criteriaSet.rawValue, criterion.id, criterion.status.rawValue))
            }
        }
        return RevisionDraft(
            input: String(decoding: try JSONCoding.encoder.encode(submission.input), as: UTF8.self),
            note: submission.note,
            evaluation: String(decoding: evaluation, as: UTF8.self),
            treatmentEvidence: service.treatmentEvidenceReference(verdict: report.verdict, input: submission.input),
            criteriaSets: report.evaluations.map(\.criteriaSet.rawValue),
            engineVersion: report.engineVersion,
            verdicts: verdicts,
            criteria: criteria,
            digest: String(decoding: try JSONCoding.encoder.encode(CaseDigest(report)), as: UTF8.self))
    }
}
