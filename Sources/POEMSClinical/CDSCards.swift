import Foundation
import POEMSCriteria

/// The cards of a `poems-syndrome` call (CDS Hooks 2.0 Card):
///
/// - a `warning` card when the headline criteria set is met;
/// - an `info` card when polyneuropathy is present and the headline verdict
///   is indeterminate (naming the first work-up step in a few words: myeloma
///   staging first when a myeloma-defining event is present), or an
///   alternative diagnosis is left open (the evaluation's `differential`);
/// - no card otherwise.
///
/// The summary names the criteria set once, by its short name ("IMWG
/// 2014"). `source` is the set's short name (``CriteriaSetID/sourceLabel``)
/// and its public page (`criteriaPage`, the API's `/criteria/{id}`), which a browser opens
/// without a key; the first link goes to the same page, the second (`workup`)
/// to the work-up page with the call's input sealed in its fragment (the
/// API's `WorkupLinks`): the whole evaluation, without a key, for a while. Every card offers
/// ``CDSOverrideReasons``; its uuid is ``CDSCardIdentifier``'s.
///
/// `indicator`: the highest severity among the evaluation's warnings (their
/// severities are the three card indicators), never below the card's own
/// level. `detail` is Markdown: the evaluation's summary, each criterion of
/// the headline set with its basis, the alternatives and the warnings, then
/// the sources (the set's citations, and what each source document named
/// in the text is) and a footer of source attributes. The project's labels
/// of its source documents ("seed 004") are given as the documents' names
/// (``SourceDocuments``).
package enum CDSCards {
    package struct Card: Encodable {
        package let uuid: String
        package let summary: String
        package let detail: String
        package let indicator: String
        package let source: Source
        package let overrideReasons: [CDSOverrideReasons.Coding]
        package let links: [Link]
    }

    package struct Source: Encodable {
        package let label: String
        package let url: String?
    }

    package struct Link: Encodable {
        package let label: String
        package let url: String
        package let type = "absolute"

        package init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    /// Longest summary (CDS Hooks: fewer than 140 characters).
    package static let summaryLimit = 139

    /// The cards; `criteriaPage` gives the address of a criteria set's
    /// public page, `workup` is the link to the work-up page, `uuid` the
    /// uuid of card `index`.
    package static func cards(report: EvaluationReport, input: CaseInput, publicURL: String, criteriaPage: (CriteriaSetID) -> String,
                              workup: Link, uuid: (Int) -> String) -> [Card] {
        guard let headline = report.evaluations.first(where: { $0.criteriaSet == report.criteriaSet }) else { return [] }
        let definition = CriteriaCatalog.definition(headline.criteriaSet)
        let severities = report.warnings.map(\.severity)
        let page = criteriaPage(headline.criteriaSet)
        let source = Source(label: headline.criteriaSet.sourceLabel, url: page)
        let links = [Link(label: "\(headline.criteriaSet.sourceLabel): definition and sources", url: page), workup]
        let reasons = CDSOverrideReasons.codings(publicURL: publicURL)
        func card(_ summary: String, _ lead: String?, level: WarningSeverity) -> Card {
            Card(uuid: uuid(0), summary: truncate(summary), detail: detail(headline, definition, report: report, lead: lead, page: page),
                 indicator: indicator(severities + [level]).rawValue, source: source, overrideReasons: reasons, links: links)
        }

        if report.verdict == .meets {
            return [card("POEMS syndrome: the \(headline.criteriaSet.shortName) criteria are met", nil, level: .warning)]
        }
        guard input.findings.polyneuropathy == true else { return [] }
        if report.verdict == .indeterminate, let step = report.suggestedWorkup.first {
            return [card("Polyneuropathy: POEMS syndrome not excluded. Next: \(step.name)",
                         "**Next step**: \(step.test) (\(step.source)).", level: .info)]
        }
        if !report.differential.isEmpty {
            let names = report.differential.map(\.condition.shortName).joined(separator: ", ")
            return [card("Polyneuropathy: alternatives to POEMS syndrome left open: \(names)", nil, level: .info)]
        }
        return []
    }

    /// The highest of `severities`.
    package static func indicator(_ severities: [WarningSeverity]) -> WarningSeverity {
        severities.contains(.critical) ? .critical : severities.contains(.warning) ? .warning : .info
    }

    /// Markdown: `lead` (the next step), the verdict, each criterion with its
    /// status and basis, the alternatives, the warnings, the sources and the
    /// source attributes.
    package static func detail(_ set: EvaluationReport.SetEvaluation, _ definition: CriteriaSetDefinition, report: EvaluationReport,
                       lead: String?, page: String) -> String {
        var lines = lead.map { [$0, ""] } ?? []
        lines += [report.summary, "", "**\(set.title)**: **\(set.verdict.rawValue)**.", "", "Rule: \(set.rule)", ""]
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
        let body = lines.joined(separator: "\n")
        let attributes = definition.sourceAttributes
        var sources = ["**Sources**:"] + attributes.citations.map { "- \($0)" }
        for document in SourceDocuments.cited(in: body) {
            sources.append("- \(capitalizedFirst(document.name)): \(document.description)"
                + (document.publications.isEmpty ? "" : " They are listed on the criteria page."))
        }
        let used = attributes.patientAttributes.filter(\.used).map(\.attribute)
        sources += [
            "",
            "_Source attributes_: developer: the poemsd project; funding: \(attributes.fundingSource); rules \(attributes.releaseDates.rulesVersion), "
                + "last revised \(attributes.releaseDates.rulesRevised); patient attributes used: \(used.isEmpty ? "none" : used.joined(separator: ", ")). "
                + "[Criteria, citations and source attributes](\(page))",
            "", "_poemsd informs a clinician; it does not diagnose or prescribe._",
        ]
        return SourceDocuments.readable(body) + "\n\n" + sources.joined(separator: "\n")
    }

    package static func truncate(_ text: String) -> String {
        text.count <= summaryLimit ? text : String(text.prefix(summaryLimit - 1)) + "…"
    }

    private static func capitalizedFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
