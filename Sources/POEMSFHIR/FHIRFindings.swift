import POEMSCriteria

/// What a FHIR Bundle says about a case: the service's findings input, and
/// for each value the resources it came from, the resources and codings
/// that meant nothing (with the reason), and warnings about conflicts.
public struct FHIRFindings: Sendable {
    /// The findings, labs and patient read from the Bundle, as
    /// `POST /v1/evaluations` takes them in JSON.
    public let input: CaseInput
    /// For each value set, the resource(s) that set it; sorted by target.
    public let provenance: [Provenance]
    /// Each resource or coding that set nothing, with the reason: the
    /// resources of types not read first, then the others, each in Bundle order.
    public let unmapped: [Unmapped]
    /// Conflicts between resources and how they were settled; serial
    /// results; Conditions not confirmed; missing myeloma checks.
    public let warnings: [InputWarning]
    /// What the report must say about criteria that the input's values
    /// cannot carry (``annotate(_:)``).
    public let notes: [CriterionNote]
    /// The Bundle's Patient as `Patient/id`, when it has one with an id.
    public let patientReference: String?
    /// Where the Bundle's Patient is (`Bundle.entry[0].resource`), when it has one.
    public let patientExpression: String?
}

/// The resources behind one value of the input.
///
/// JSON: `{"target": "/labs/hemoglobinGPerDl", "resources": ["Observation/hb"],
/// "details": [{"resource": "Observation/hb", "date": "2024-03-01",
/// "reported": "135 g/L"}]}`
public struct Provenance: Encodable, Sendable, Equatable {
    /// The JSON pointer of the value in the input (`/findings/polyneuropathy`).
    public let target: String
    /// `resourceType/id` of each resource that set it.
    public let resources: [String]
    public let details: [SourceDetail]
}

/// One resource behind a value.
public struct SourceDetail: Encodable, Sendable, Equatable {
    /// `resourceType/id` (or the entry's `fullUrl` when the resource has no id).
    public let resource: String
    /// `effective[x]`, `issued` or `recordedDate`, as given.
    public let date: String?
    /// A Condition's `verificationStatus` code, kept as given.
    public let verificationStatus: String?
    /// The value as the resource reported it, before conversion (`135 g/L`).
    public let reported: String?
    /// The terminology row's evidence (`confirmed`, `corroborated`, `local`).
    public let evidence: String?
}

/// A resource or coding that set nothing.
///
/// JSON: `{"resource": "Observation/x", "expression": "Bundle.entry[3].resource.valueQuantity",
/// "coding": {"system": "...", "code": "..."}, "reason": "..."}`
public struct Unmapped: Encodable, Sendable, Equatable {
    public let resource: String
    /// The FHIRPath expression of the element at issue.
    public let expression: String
    public let coding: FHIRCoding?
    public let reason: String
    /// For a result present but not interpretable (a known code whose unit,
    /// value or specimen cannot be read): the JSON pointer of the input
    /// value it is about. Omitted otherwise.
    public let target: String?
    /// The resource's `resourceType`; `nil` for an entry that holds no
    /// resource. Not encoded: ``UnmappedSummary`` counts by it.
    public private(set) var resourceType: String?

    init(resource: String, expression: String, coding: FHIRCoding?, reason: String, target: String? = nil) {
        self.resource = resource
        self.expression = expression
        self.coding = coding
        self.reason = reason
        self.target = target
    }

    /// The same entry, of a resource of type `resourceType`.
    func ofType(_ resourceType: String?) -> Unmapped {
        var typed = self
        typed.resourceType = resourceType
        return typed
    }

    private enum CodingKeys: String, CodingKey { case resource, expression, coding, reason, target }
}

/// A remark about how the Bundle was read: `{"code", "severity", "target",
/// "resources", "message"}`.
public struct InputWarning: Encodable, Sendable, Equatable {
    public enum Code: String, Encodable, Sendable, CaseIterable {
        /// Resources disagree: of different kinds (a Condition and an
        /// Observation) at different times, the most recent is used; two
        /// results at the same time, the value is left unassessed.
        case conflictingResources = "conflicting-resources"
        /// Two resources disagree and which is more recent cannot be told
        /// (a date missing); the value is left unassessed.
        case unresolvedConflict = "unresolved-conflict"
        /// Results of one test at different times: a trend, the latest decides.
        case serialResults = "serial-results"
        /// A Condition provisional, differential or unconfirmed: not counted
        /// as present; the criterion is left unknown.
        case conditionNotConfirmed = "condition-not-confirmed"
        /// A monoclonal protein is shown but calcium or creatinine, the
        /// myeloma checks, could not be read from the Bundle.
        case myelomaLabsNotRead = "myeloma-labs-not-read"

        /// `info` for a trend; `warning` otherwise.
        public var severity: String { self == .serialResults ? "info" : "warning" }
    }

    public let code: Code
    /// `warning` or `info`, as the evaluation's warnings.
    public let severity: String
    public let target: String
    /// The resources involved, the one used first.
    public let resources: [String]
    public let message: String

    init(code: Code, target: String, resources: [String], message: String) {
        self.code = code
        self.severity = code.severity
        self.target = target
        self.resources = resources
        self.message = message
    }

    /// Most results a `serial-results` message spells out: the latest.
    static let maximumTrendSteps = 10

    /// The results of a trend, oldest first, as a message says them: the
    /// latest ``maximumTrendSteps`` and how many came before (all are in
    /// `resources`), so that years of results make a sentence, not a page.
    static func trend(_ steps: [String]) -> String {
        let shown = steps.suffix(maximumTrendSteps).joined(separator: ", then ")
        let earlier = steps.count - min(steps.count, maximumTrendSteps)
        return earlier == 0 ? shown : "\(earlier) earlier result\(earlier == 1 ? "" : "s"), then \(shown)"
    }
}
