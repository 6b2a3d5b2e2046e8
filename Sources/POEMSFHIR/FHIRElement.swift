/// One element of a FHIR JSON resource, with its FHIRPath expression
/// (`Bundle.entry[2].resource.valueQuantity.value`), so that whatever is
/// wrong with it can be reported where it is.
///
/// The accessors read the elements poemsd uses and throw a ``FHIRIssue`` at
/// the element's path when one has the wrong JSON type. Elements poemsd does
/// not read are not checked: FHIR resources carry many, and rejecting them
/// would refuse valid resources.
struct FHIRElement: Sendable {
    let value: JSONValue
    /// The FHIRPath expression of this element.
    let expression: String
    /// Longest string read, in UTF-8 bytes (``BundleReader/maximumStringBytes``).
    let maximumStringBytes: Int

    init(_ value: JSONValue, expression: String, maximumStringBytes: Int = .max) {
        self.value = value
        self.expression = expression
        self.maximumStringBytes = maximumStringBytes
    }

    /// The member `name` of this object, or `nil` when absent. FHIR JSON
    /// never holds `null` outside arrays: a `null` member is an issue.
    func child(_ name: String) throws(FHIRIssue) -> FHIRElement? {
        try requireObject()
        guard case .object(let members) = value, let member = members[name] else { return nil }
        if member == .null {
            throw FHIRIssue(.structure, at: "\(expression).\(name)", "null is not allowed in FHIR JSON; omit the element instead.")
        }
        return FHIRElement(member, expression: "\(expression).\(name)", maximumStringBytes: maximumStringBytes)
    }

    /// Whether this object has the member `name`.
    func has(_ name: String) -> Bool {
        if case .object(let members) = value { return members[name] != nil }
        return false
    }

    /// Throws unless this element is a JSON object.
    func requireObject() throws(FHIRIssue) {
        guard case .object = value else {
            throw FHIRIssue(.structure, at: expression, "Expected an object, found \(value.typeName).")
        }
    }

    func object(_ name: String) throws(FHIRIssue) -> FHIRElement? {
        let element = try child(name)
        try element?.requireObject()
        return element
    }

    /// The items of the repeating element `name` (empty when absent).
    func array(_ name: String) throws(FHIRIssue) -> [FHIRElement] {
        guard let element = try child(name) else { return [] }
        guard case .array(let items) = element.value else {
            throw FHIRIssue(.structure, at: element.expression, "Expected an array, found \(element.value.typeName): this element repeats in FHIR R4.")
        }
        return items.enumerated().map { FHIRElement($1, expression: "\(element.expression)[\($0)]", maximumStringBytes: maximumStringBytes) }
    }

    func string(_ name: String) throws(FHIRIssue) -> String? {
        guard let element = try child(name) else { return nil }
        guard case .string(let text) = element.value else {
            throw FHIRIssue(.value, at: element.expression, "Expected a string, found \(element.value.typeName).")
        }
        guard !text.isEmpty else {
            throw FHIRIssue(.value, at: element.expression, "An empty string is not a valid FHIR value; omit the element instead.")
        }
        guard text.utf8.count <= maximumStringBytes else {
            throw FHIRIssue(.value, at: element.expression, "The string is longer than the limit of \(maximumStringBytes) bytes for an element poemsd reads.")
        }
        return text
    }

    func number(_ name: String) throws(FHIRIssue) -> Double? {
        guard let element = try child(name) else { return nil }
        guard case .number(let number) = element.value, number.isFinite else {
            throw FHIRIssue(.value, at: element.expression, "Expected a decimal number, found \(element.value.typeName).")
        }
        return number
    }

    func bool(_ name: String) throws(FHIRIssue) -> Bool? {
        guard let element = try child(name) else { return nil }
        guard case .bool(let flag) = element.value else {
            throw FHIRIssue(.value, at: element.expression, "Expected true or false, found \(element.value.typeName).")
        }
        return flag
    }

    /// The codings of the CodeableConcept `name` (empty when absent).
    func codings(_ name: String) throws(FHIRIssue) -> [FHIRCoding] {
        guard let concept = try object(name) else { return [] }
        return try concept.codingsOfConcept()
    }

    /// The codings of every CodeableConcept of the repeating element `name`
    /// (`Observation.interpretation`, `Condition.bodySite`).
    func codingsOfEach(_ name: String) throws(FHIRIssue) -> [FHIRCoding] {
        var codings: [FHIRCoding] = []
        for concept in try array(name) {
            try concept.requireObject()
            codings += try concept.codingsOfConcept()
        }
        return codings
    }

    /// The codings of this CodeableConcept.
    private func codingsOfConcept() throws(FHIRIssue) -> [FHIRCoding] {
        try array("coding").map { coding throws(FHIRIssue) in
            try coding.requireObject()
            return FHIRCoding(system: try coding.string("system"), code: try coding.string("code"),
                              display: try coding.string("display"), expression: coding.expression)
        }
    }
}

/// A FHIR Coding as read: its system, code and where it was found.
public struct FHIRCoding: Sendable, Equatable, Encodable {
    public let system: String?
    public let code: String?
    public let display: String?
    /// The FHIRPath expression of the coding in the Bundle.
    public let expression: String

    private enum CodingKeys: String, CodingKey { case system, code, display }
}
