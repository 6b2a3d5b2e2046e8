import POEMSCriteria

/// The HTML of `GET /criteria/{id}`: one criteria set for a clinician who
/// followed a CDS card's source or link. The definition as
/// `GET /v1/criteria/{id}` serves it (the rule, each criterion with its
/// parts, notes, footnotes and source, the associated features, the set's
/// footnotes and notes), its citations, its source attributes
/// (``SourceAttributes``), and what each source document the rules cite is
/// (``SourceDocuments``, whose names replace the project's labels), with the
/// published references listed.
///
/// The same for everyone and every request (no patient data), built once.
/// No script; the one inline style sheet is allowed by its hash
/// (``CriteriaPageRoutes``).
enum CriteriaPage {
    static let style = """
        :root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
        body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
        h1 { font-size: 1.5rem; margin: 0.25rem 0; } h2 { font-size: 1.15rem; } h3 { font-size: 1rem; margin-bottom: 0.25rem; }
        section { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 0.25rem 1rem 0.75rem; margin: 1rem 0; }
        .service, .disclaimer, .note, .source { color: #56607a; font-size: 0.9rem; }
        li { margin-bottom: 0.35rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eceff3; vertical-align: top; }
        dt { font-weight: 600; margin-top: 0.5rem; }
        """

    static func html(_ set: CriteriaSetDefinition) -> String {
        let attributes = set.sourceAttributes
        var body: [String] = []
        body.append("<section aria-labelledby=\"rule\"><h2 id=\"rule\">Rule</h2><p>\(text(set.rule))</p>")
        let byID = Dictionary(set.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for requirement in set.requirements {
            let count = requirement.criteria.count
            let needed = requirement.minimum == count ? (count == 2 ? "both required" : "all \(count) required")
                : "at least \(requirement.minimum) of \(count) required"
            body.append("<h3>\(roleName(requirement.role)) (\(needed))</h3><ul>")
            for id in requirement.criteria {
                guard let criterion = byID[id] else { continue }
                body.append("<li>" + self.criterion(criterion) + "</li>")
            }
            body.append("</ul>")
        }
        if !set.associatedFeatures.isEmpty {
            body.append("<h3>Associated features (never change the verdict)</h3><ul>")
            for feature in set.associatedFeatures {
                body.append("<li>\(text(feature.name)) <span class=\"note\">(\(kindName(feature.kind)); \(text(feature.source)))</span></li>")
            }
            body.append("</ul>")
        }
        if !set.footnotes.isEmpty {
            body.append("<h3>Footnotes</h3><ul>" + set.footnotes.map { "<li>\(text($0.mark)) \(text($0.text))</li>" }.joined() + "</ul>")
        }
        if !set.notes.isEmpty {
            body.append("<h3>Notes</h3><ul>" + set.notes.map { "<li>\(text($0))</li>" }.joined() + "</ul>")
        }
        body.append("</section>")

        body.append("<section aria-labelledby=\"citations\"><h2 id=\"citations\">Citations</h2><ul>"
            + attributes.citations.map { "<li>\(text($0))</li>" }.joined() + "</ul></section>")

        let dates = attributes.releaseDates
        body.append("""
            <section aria-labelledby="attributes"><h2 id="attributes">Source attributes</h2><dl>
            <dt>Bibliographic citations</dt><dd>The citations above.</dd>
            <dt>Developer</dt><dd>\(text(attributes.developer))</dd>
            <dt>Funding source</dt><dd>\(text(attributes.fundingSource))</dd>
            <dt>Release and revision dates</dt><dd>Criteria published \(text(dates.criteriaPublished)); rules version \(text(dates.rulesVersion)), released and last revised \(text(dates.rulesRevised)).</dd>
            <dt>Patient attributes</dt><dd><table><thead><tr><th scope="col">Attribute</th><th scope="col">Used</th><th scope="col">How</th></tr></thead><tbody>
            """)
        for use in attributes.patientAttributes {
            body.append("<tr><td>\(text(use.attribute))</td><td>\(use.used ? "yes" : "no")</td><td>\(text(use.use))</td></tr>")
        }
        body.append("</tbody></table></dd></dl></section>")

        body.append("<section aria-labelledby=\"documents\"><h2 id=\"documents\">Source documents the rules cite</h2><dl>")
        for document in SourceDocuments.all {
            body.append("<dt>\(escape(capitalizedFirst(document.name)))</dt><dd>\(escape(document.description))")
            if !document.publications.isEmpty {
                body.append("<ul>" + document.publications.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
            }
            body.append("</dd>")
        }
        body.append("</dl></section>")

        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(set.title)) — poemsd</title>
            <link rel="icon" href="data:,">
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <p class="service">poemsd criteria set <code>\(escape(set.id.rawValue))</code></p>
            <h1>\(escape(set.title))</h1>
            <p class="disclaimer">poemsd informs a clinician; it does not diagnose or prescribe. This page is the same for every patient and holds no patient data.</p>
            </header>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            <footer class="note"><p>The same definition, as JSON: <code>GET /v1/criteria/\(escape(set.id.rawValue))</code> (API key, reader role).</p></footer>
            </body>
            </html>

            """
    }

    private static func criterion(_ criterion: CriterionDefinition) -> String {
        var parts = ["<strong>\(text(criterion.name))</strong>"]
        if !criterion.parts.isEmpty {
            parts.append(": " + criterion.parts.map { part in
                text(part.name) + (part.note.map { " <span class=\"note\">(\(text($0)))</span>" } ?? "")
            }.joined(separator: "; "))
        }
        for footnote in criterion.footnotes { parts.append("<br><span class=\"note\">\(text(footnote.mark)) \(text(footnote.text))</span>") }
        if let note = criterion.note { parts.append("<br><span class=\"note\">\(text(note))</span>") }
        parts.append("<br><span class=\"source\">Source: \(text(criterion.source))</span>")
        return parts.joined()
    }

    private static func capitalizedFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    private static func roleName(_ role: CriterionRole) -> String {
        switch role {
        case .major: "Major criteria"
        case .otherMajor: "Other major criteria"
        case .minor: "Minor criteria"
        }
    }

    private static func kindName(_ kind: AssociatedFeatureKind) -> String {
        switch kind {
        case .known: "known association"
        case .possible: "possible association"
        case .otherSign: "other sign"
        }
    }

    /// Clinical text for a reader: the documents' names, HTML-escaped.
    private static func text(_ value: String) -> String { escape(SourceDocuments.readable(value)) }

    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
