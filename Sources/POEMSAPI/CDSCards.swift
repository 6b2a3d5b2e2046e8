import Foundation
import POEMSCriteria

/// The cards of a `poems-syndrome` call (CDS Hooks 2.0 Card):
///
/// - a `warning` card when the headline criteria set is met;
/// - an `info` card when polyneuropathy is present and the headline verdict
///   is indeterminate (naming the first work-up step in a few words: myeloma
///   staging first when a myeloma-defining event is present), or an
///   alternative diagnosis is left open (the evaluation's `differential`);
///
/// The summary names the criteria set once, by its short name ("IMWG
/// 2014"); the source and the link carry its full title.
/// - no card otherwise.
///
/// `indicator`: the highest severity among the evaluation's warnings (their
/// severities are the three card indicators), never below the card's own
/// level. `detail` is Markdown: the evaluation's summary, each criterion of
/// the headline set with its basis, the alternatives and the warnings.
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

    static func cards(report: EvaluationReport, input: CaseInput, publicURL: String) -> [Card] {
        guard let headline = report.evaluations.first(where: { $0.criteriaSet == report.criteriaSet }) else { return [] }
        let severities = report.warnings.map(\.severity)
        let source = Source(label: "poemsd: \(headline.title) — \(headline.citation)", url: "\(publicURL)/v1/criteria/\(headline.criteriaSet.rawValue)")
        let links = [Link(label: headline.title, url: "\(publicURL)/v1/criteria/\(headline.criteriaSet.rawValue)")]
        let criteria = detail(headline, report: report)
        func card(_ summary: String, _ detail: String, level: WarningSeverity) -> Card {
            Card(uuid: UUID().uuidString.lowercased(), summary: truncate(summary), detail: detail,
                 indicator: indicator(severities + [level]).rawValue, source: source, links: links)
        }

        if report.verdict == .meets {
            return [card("POEMS syndrome: the \(headline.criteriaSet.shortName) criteria are met", criteria, level: .warning)]
        }
        guard input.findings.polyneuropathy == true else { return [] }
        if report.verdict == .indeterminate, let step = report.suggestedWorkup.first {
            return [card("Polyneuropathy: POEMS syndrome not excluded. Next: \(step.name)",
                         "**Next step**: \(step.test) (\(step.source)).\n\n" + criteria, level: .info)]
        }
        if !report.differential.isEmpty {
            let names = report.differential.map(\.condition.shortName).joined(separator: ", ")
            return [card("Polyneuropathy: alternatives to POEMS syndrome left open: \(names)", criteria, level: .info)]
        }
        return []
    }

    /// The highest of `severities`.
    static func indicator(_ severities: [WarningSeverity]) -> WarningSeverity {
        severities.contains(.critical) ? .critical : severities.contains(.warning) ? .warning : .info
    }

    /// Markdown: the verdict, each criterion with its status and basis, the warnings.
    static func detail(_ set: EvaluationReport.SetEvaluation, report: EvaluationReport) -> String {
        var lines = [report.summary, "", "**\(set.title)** (\(set.citation)): **\(set.verdict.rawValue)**.", "", "Rule: \(set.rule)", ""]
        for criterion in set.criteria {
            lines.append("- **\(criterion.name)** — \(criterion.status.rawValue): \(criterion.basis)")
        }
        if !report.differential.isEmpty {
            lines += ["", "**Alternatives left open**:"]
            for entry in report.differential { lines.append("- \(entry.name): \(entry.toExclude.joined(separator: "; "))") }
        }
        if !report.warnings.isEmpty {
            lines.append("")
            for warning in report.warnings { lines.append("- ⚠ (\(warning.severity.rawValue)) \(warning.message) (\(warning.source))") }
        }
        lines += ["", "_poemsd informs a clinician; it does not diagnose or prescribe._"]
        return lines.joined(separator: "\n")
    }

    static func truncate(_ text: String) -> String {
        text.count <= summaryLimit ? text : String(text.prefix(summaryLimit - 1)) + "…"
    }
}
