import Foundation
import POEMSCriteria

extension FHIRFindings {
    /// The report with what the Bundle says beyond the input's values
    /// (``notes``), so that the same clinical facts read the same way
    /// whichever way they arrive, and a result the Bundle holds is never
    /// "not assessed":
    ///
    /// - a result present but not interpretable: the unknown criterion's
    ///   basis says "Result present, not interpretable" with the reason, and
    ///   its work-up item (or the lesion biopsy's) says to correct the result
    ///   rather than order the test; the summary's next step follows;
    /// - a Condition not confirmed: the unknown criterion's basis names it;
    /// - a derived finding (a VEGF of unknown specimen): the basis says why.
    ///
    /// A report without notes is returned unchanged.
    public func annotate(_ report: EvaluationReport) -> EvaluationReport { Self.annotate(report, notes: notes) }

    /// The report annotated with `notes` (a Bundle's, kept apart from it:
    /// a CDS card's work-up link carries them).
    public static func annotate(_ report: EvaluationReport, notes: [CriterionNote]) -> EvaluationReport {
        guard !notes.isEmpty else { return report }
        var report = report
        for note in notes {
            guard let criterion = note.criterion else { continue }
            for set in report.evaluations.indices {
                for index in report.evaluations[set].criteria.indices where report.evaluations[set].criteria[index].id == criterion {
                    let result = report.evaluations[set].criteria[index]
                    guard (note.kind == .derived) == (result.status != .unknown) else { continue }
                    report.evaluations[set].criteria[index].basis = Self.basis(note, after: result.basis)
                }
            }
        }
        let firstName = report.suggestedWorkup.first?.name
        for note in notes where note.kind == .notInterpretable {
            guard let criterion = note.criterion else { continue }
            let ids = note.target == "/findings/mProteinTests/lesionBiopsy" ? [criterion, "lesion-biopsy"] : [criterion]
            for index in report.suggestedWorkup.indices where ids.contains(report.suggestedWorkup[index].id) {
                var item = report.suggestedWorkup[index]
                let fix = "The record holds a \(note.subject) result that could not be read (\(note.resource): \(note.text)) Correct or complete that result (its unit, code, value or specimen) rather than ordering the test again."
                if !item.test.hasPrefix(Self.fixPrefix) { item.name = "correct the recorded \(note.subject) result" }
                item.test = fix + " " + item.test
                report.suggestedWorkup[index] = item
            }
        }
        if let firstName, let renamed = report.suggestedWorkup.first?.name, renamed != firstName {
            report.summary = report.summary.replacingOccurrences(of: "Next: \(firstName)", with: "Next: \(renamed)")
        }
        return report
    }

    static let fixPrefix = "The record holds a "

    /// The note's sentence, then the engine's basis without its "not
    /// assessed" or "reported" opening (the note says what there is instead).
    static func basis(_ note: CriterionNote, after basis: String) -> String {
        var rest = basis
        for opening in ["Not assessed.", "Reported present.", "Reported absent."] where rest.hasPrefix(opening) {
            rest = String(rest.dropFirst(opening.count)).trimmingCharacters(in: .whitespaces)
        }
        let sentence: String
        switch note.kind {
        case .notInterpretable: sentence = "Result present, not interpretable: \(note.subject) (\(note.resource)). \(note.text)"
        case .notConfirmed: sentence = note.text
        case .derived: sentence = "From \(note.resource) (\(note.subject)): \(note.text)"
        }
        return rest.isEmpty ? sentence : sentence + " " + rest
    }
}
