import Foundation
import POEMSCriteria

/// The cards of a `poems-syndrome` call (CDS Hooks 2.0 Card):
///
/// - a `warning` card when the headline criteria set is met;
/// - an `info` card when polyneuropathy is present and the headline verdict
///   is indeterminate (naming the first work-up step), or a mimic is raised
///   (the `cidp-mimic` warning, or a `differential` the evaluation lists);
/// - no card otherwise.
///
/// `indicator` follows the evaluation's warnings where they carry a
/// `severity` (a `critical` one makes the card critical); `detail` is
/// Markdown with each criterion of the headline set and its basis.
enum CDSCards {
    struct Card: Encodable {
        let uuid: String
        let summary: String
        let detail: String
        let indicator: String
        let source: Source
        let links: [Link]
    }

    struct Source: Encodable {
        let label: String
        let url: String?
    }

    struct Link: Encodable {
        let label: String
        let url: String
        let type = "absolute"
    }

    /// Longest summary (CDS Hooks: fewer than 140 characters).
    static let summaryLimit = 139

    /// The cards for `report`, whose response document is `evaluation`
    /// (the JSON an evaluation answers, read for severities and the
    /// differential, which newer engines add).
    static func cards(report: EvaluationReport, input: CaseInput, evaluation: [String: Any], publicURL: String) -> [Card] {
        guard let headline = report.evaluations.first(where: { $0.criteriaSet == report.criteriaSet }) else { return [] }
        let warnings = (evaluation["warnings"] as? [[String: Any]]) ?? []
        let severities = warnings.compactMap { $0["severity"] as? String }
        let differential = ((evaluation["differential"] as? [[String: Any]]) ?? []).compactMap { $0["condition"] as? String }
        let source = Source(label: "poemsd: \(headline.title) — \(headline.citation)", url: "\(publicURL)/v1/criteria/\(headline.criteriaSet.rawValue)")
        let links = [Link(label: "The \(headline.title) criteria", url: "\(publicURL)/v1/criteria/\(headline.criteriaSet.rawValue)")]
        let criteria = detail(headline, report: report)

        if report.verdict == .meets {
            return [Card(uuid: UUID().uuidString.lowercased(),
                         summary: truncate("POEMS syndrome: the \(headline.title) criteria are met"),
                         detail: criteria, indicator: severities.contains("critical") ? "critical" : "warning",
                         source: source, links: links)]
        }
        guard input.findings.polyneuropathy == true else { return [] }
        let mimic = warnings.contains { $0["code"] as? String == "cidp-mimic" } || !differential.isEmpty
        if report.verdict == .indeterminate, let step = report.suggestedWorkup.first {
            return [Card(uuid: UUID().uuidString.lowercased(),
                         summary: truncate("Polyneuropathy: POEMS syndrome not excluded. Next: \(step.test)"),
                         detail: "**Next step**: \(step.test) (\(step.source)).\n\n" + criteria,
                         indicator: indicator(severities, default: "info"), source: source, links: links)]
        }
        if mimic {
            let names = differential.isEmpty ? "CIDP" : differential.joined(separator: ", ")
            return [Card(uuid: UUID().uuidString.lowercased(),
                         summary: truncate("Polyneuropathy: consider \(names) before POEMS syndrome"),
                         detail: criteria, indicator: indicator(severities, default: "info"), source: source, links: links)]
        }
        return []
    }

    /// `critical` when a warning is; `warning` when one is; else `fallback`.
    static func indicator(_ severities: [String], default fallback: String) -> String {
        if severities.contains("critical") { return "critical" }
        if severities.contains("warning") { return "warning" }
        return fallback
    }

    /// Markdown: the verdict, each criterion with its status and basis, the warnings.
    static func detail(_ set: EvaluationReport.SetEvaluation, report: EvaluationReport) -> String {
        var lines = ["**\(set.title)** (\(set.citation)): **\(set.verdict.rawValue)**.", "", "Rule: \(set.rule)", ""]
        for criterion in set.criteria {
            lines.append("- **\(criterion.name)** — \(criterion.status.rawValue): \(criterion.basis)")
        }
        if !report.warnings.isEmpty {
            lines.append("")
            for warning in report.warnings { lines.append("- ⚠ \(warning.message) (\(warning.source))") }
        }
        lines += ["", "_poemsd informs a clinician; it does not diagnose or prescribe._"]
        return lines.joined(separator: "\n")
    }

    static func truncate(_ text: String) -> String {
        text.count <= summaryLimit ? text : String(text.prefix(summaryLimit - 1)) + "…"
    }
}
