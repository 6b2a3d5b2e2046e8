import FastJSON
import POEMSCriteria

/// The members of an ``EvaluationReport`` written by hand, in reading order
/// (``memberOrder``): each member the same bytes as in
/// `JSONCoding.encoder.encode(report)`, whose keys are sorted, at a fraction
/// of the cost. Encoding the report with Foundation took 58% of the
/// instructions of `POST /v1/evaluations` (callgrind, docs/benchmarks/evaluations.md). A test
/// checks the bytes against the Codable encoding on many cases, so the two
/// cannot drift.
package enum EvaluationReportJSON {
    /// The report's members in reading order: what a reader needs first
    /// (the summary, the headline criteria set and its verdict, the safety
    /// warnings, each set's verdict), then what explains it (differential,
    /// work-up, lab derivations), and the long list of associated features
    /// last. The API guide documents this order; within each member, keys are
    /// sorted as the Codable encoding sorts them.
    package static let memberOrder = [
        "summary", "criteriaSet", "verdict", "warnings", "evaluations", "differential", "suggestedWorkup",
        "derivations", "associatedFeatures", "engineVersion",
    ]

    /// Writes the report's members, in ``memberOrder``, into the object `json` has open.
    package static func writeMembers(of report: EvaluationReport, to json: inout JSONWriter) {
        json.key("summary"); json.string(report.summary)
        json.key("criteriaSet"); json.string(report.criteriaSet.rawValue)
        json.key("verdict"); json.string(report.verdict.rawValue)
        json.key("warnings")
        json.beginArray()
        for warning in report.warnings {
            json.beginObject()
            json.key("code"); json.string(warning.code.rawValue)
            json.key("message"); json.string(warning.message)
            json.key("severity"); json.string(warning.severity.rawValue)
            json.key("source"); json.string(warning.source)
            json.endObject()
        }
        json.endArray()
        json.key("evaluations")
        json.beginArray()
        for evaluation in report.evaluations { write(evaluation, to: &json) }
        json.endArray()
        json.key("differential")
        json.beginArray()
        for entry in report.differential {
            json.beginObject()
            json.key("condition"); json.string(entry.condition.rawValue)
            json.key("name"); json.string(entry.name)
            json.key("note"); json.string(entry.note)
            json.key("reasons"); json.strings(entry.reasons)
            json.key("sources"); json.strings(entry.sources)
            json.key("toExclude"); json.strings(entry.toExclude)
            json.endObject()
        }
        json.endArray()
        json.key("suggestedWorkup")
        json.beginArray()
        for item in report.suggestedWorkup {
            json.beginObject()
            json.key("criteriaSets"); json.strings(item.criteriaSets.map(\.rawValue))
            json.key("criterion"); json.string(item.criterion)
            json.key("id"); json.string(item.id)
            json.key("name"); json.string(item.name)
            json.key("priority"); json.number(item.priority)
            json.key("source"); json.string(item.source)
            json.key("stage"); json.string(item.stage.rawValue)
            json.key("test"); json.string(item.test)
            json.endObject()
        }
        json.endArray()
        json.key("derivations")
        json.beginArray()
        for derivation in report.derivations { write(derivation, to: &json) }
        json.endArray()
        json.key("associatedFeatures")
        json.beginArray()
        for feature in report.associatedFeatures {
            json.beginObject()
            json.key("basis"); json.string(feature.basis)
            json.key("id"); json.string(feature.id)
            json.key("status"); json.string(feature.status.rawValue)
            json.endObject()
        }
        json.endArray()
        json.key("engineVersion"); json.string(report.engineVersion)
    }

    private static func write(_ evaluation: EvaluationReport.SetEvaluation, to json: inout JSONWriter) {
        json.beginObject()
        json.key("citation"); json.string(evaluation.citation)
        json.key("criteria")
        json.beginArray()
        for criterion in evaluation.criteria {
            json.beginObject()
            json.key("basis"); json.string(criterion.basis)
            json.key("id"); json.string(criterion.id)
            json.key("name"); json.string(criterion.name)
            json.key("role"); json.string(criterion.role.rawValue)
            json.key("status"); json.string(criterion.status.rawValue)
            json.endObject()
        }
        json.endArray()
        json.key("criteriaSet"); json.string(evaluation.criteriaSet.rawValue)
        json.key("rule"); json.string(evaluation.rule)
        json.key("title"); json.string(evaluation.title)
        json.key("undetermined"); json.strings(evaluation.undetermined)
        json.key("verdict"); json.string(evaluation.verdict.rawValue)
        json.key("version"); json.string(evaluation.version)
        json.endObject()
    }

    private static func write(_ derivation: LabDerivation, to json: inout JSONWriter) {
        json.beginObject()
        json.key("applied"); json.bool(derivation.applied)
        json.key("comparison"); json.string(derivation.comparison)
        json.key("explanation"); json.string(derivation.explanation)
        json.key("finding"); json.string(derivation.finding)
        json.key("labField"); json.string(derivation.labField)
        json.key("result"); json.string(derivation.result.rawValue)
        json.key("thresholds")
        json.beginArray()
        for threshold in derivation.thresholds {
            json.beginObject()
            // Omitted when nil, as the synthesized encoder does.
            if let appliesTo = threshold.appliesTo { json.key("appliesTo"); json.string(appliesTo) }
            json.key("origin"); json.string(threshold.origin.rawValue)
            json.key("source"); json.string(threshold.source)
            json.key("value"); json.number(threshold.value)
            json.endObject()
        }
        json.endArray()
        json.key("unit"); json.string(derivation.unit)
        json.key("value"); json.number(derivation.value)
        json.endObject()
    }
}
