/// Why a Bundle is not valid FHIR R4 for what poemsd reads: one `issue` of
/// the OperationOutcome answered with 400.
public struct FHIRIssue: Error, Sendable, Equatable {
    /// The FHIR `IssueType` code.
    public enum Code: String, Sendable {
        /// The content is structurally wrong (wrong JSON type, wrong `resourceType`).
        case structure
        /// A required element is missing.
        case required
        /// An element's value is invalid.
        case value
        /// Valid FHIR, but not something poemsd can evaluate.
        case notSupported = "not-supported"
    }

    public let code: Code
    /// The FHIRPath expression of the element at fault.
    public let expression: String
    /// What is wrong, in words; never a copy of patient data.
    public let diagnostics: String

    public init(_ code: Code, at expression: String, _ diagnostics: String) {
        self.code = code
        self.expression = expression
        self.diagnostics = diagnostics
    }
}

/// A FHIR R4 OperationOutcome listing errors, as answered to a FHIR client.
public struct OperationOutcome: Encodable, Sendable {
    public let resourceType = "OperationOutcome"
    public let issue: [Issue]

    /// One error: its FHIR `IssueType` code, what is wrong in words, and
    /// where, when an element of the Bundle is at fault.
    public struct Issue: Encodable, Sendable {
        public let severity = "error"
        /// A FHIR R4 `IssueType` code (`structure`, `throttled`, `too-long`, …).
        public let code: String
        /// A finer code than `code`: the service's problem type, as a Coding.
        public let details: Details?
        public let diagnostics: String
        /// The FHIRPath of the element at fault; `nil` (or empty) when the
        /// request as a whole is refused (a body too large, a missing key):
        /// then left out of the JSON, since FHIR allows no empty array.
        public let expression: [String]?

        public init(code: String, details: Details? = nil, diagnostics: String, expression: [String]? = nil) {
            self.code = code
            self.details = details
            self.diagnostics = diagnostics
            self.expression = expression
        }

        private enum CodingKeys: String, CodingKey { case severity, code, details, diagnostics, expression }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(severity, forKey: .severity)
            try container.encode(code, forKey: .code)
            try container.encodeIfPresent(details, forKey: .details)
            try container.encode(diagnostics, forKey: .diagnostics)
            if let expression, !expression.isEmpty { try container.encode(expression, forKey: .expression) }
        }
    }

    /// `Issue.details`, a CodeableConcept of one Coding.
    public struct Details: Encodable, Sendable {
        public let coding: [Coding]
        public let text: String

        public struct Coding: Encodable, Sendable {
            public let system: String?
            public let code: String
        }

        public init(system: String?, code: String, text: String) {
            coding = [Coding(system: system, code: code)]
            self.text = text
        }
    }

    public init(_ issues: [FHIRIssue]) {
        issue = issues.map { Issue(code: $0.code.rawValue, diagnostics: $0.diagnostics, expression: [$0.expression]) }
    }

    public init(issues: [Issue]) {
        issue = issues
    }

    private enum CodingKeys: String, CodingKey { case resourceType, issue }
}

/// Every issue found in one Bundle; thrown by ``BundleReader``.
public struct FHIRValidationError: Error, Sendable {
    public let issues: [FHIRIssue]

    public init(issues: [FHIRIssue]) { self.issues = issues }

    public var outcome: OperationOutcome { OperationOutcome(issues) }
}
