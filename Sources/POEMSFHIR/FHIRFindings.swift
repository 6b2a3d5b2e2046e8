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
    /// Each resource or coding that set nothing, with the reason; in Bundle order.
    public let unmapped: [Unmapped]
    /// Conflicts between resources and how they were settled.
    public let warnings: [InputWarning]
    /// The Bundle's Patient as `Patient/id` (or its fullUrl), when it has one.
    public let patientReference: String?
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
}

/// A conflict between resources: `{"code": "conflicting-resources", "target",
/// "resources", "message"}`.
public struct InputWarning: Encodable, Sendable, Equatable {
    public enum Code: String, Encodable, Sendable {
        /// Two resources disagree; the most recent was used.
        case conflictingResources = "conflicting-resources"
        /// Two resources disagree and which is more recent cannot be told;
        /// the value is left unassessed.
        case unresolvedConflict = "unresolved-conflict"
    }

    public let code: Code
    public let target: String
    /// The resources involved, the one used first.
    public let resources: [String]
    public let message: String
}
