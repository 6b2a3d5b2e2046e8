/// The `value[x]` of an Observation, as far as poemsd reads it.
enum ObservationValue {
    /// `valueQuantity`: the number, its UCUM code (only when `system` is
    /// UCUM), its comparator, and how it was reported (`135 g/L`).
    case quantity(Double, ucum: String?, comparator: String?, reported: String)
    case concept([FHIRCoding])
    case boolean(Bool)
    /// Another `value[x]` (`valueString`, `valueInteger`, …), by element name.
    case other(String)
    /// No value; with the `dataAbsentReason` code when given.
    case none(String?)

    static let present = (system: "http://loinc.org", code: "LA9633-4")
    static let absent = (system: "http://loinc.org", code: "LA9634-2")
    static let comparators = ["<", "<=", ">=", ">"]

    init(_ element: FHIRElement) throws(FHIRIssue) {
        if let quantity = try element.object("valueQuantity") {
            guard let value = try quantity.number("value") else {
                throw FHIRIssue(.required, at: "\(quantity.expression).value", "A Quantity needs a value.")
            }
            let comparator = try quantity.string("comparator")
            if let comparator, !Self.comparators.contains(comparator) {
                throw FHIRIssue(.value, at: "\(quantity.expression).comparator", "comparator must be one of \(Self.comparators.joined(separator: ", ")).")
            }
            let system = try quantity.string("system"), code = try quantity.string("code")
            let unit = try quantity.string("unit") ?? code
            self = .quantity(value, ucum: system == BundleReader.ucum ? code : nil, comparator: comparator,
                             reported: "\(comparator ?? "")\(formatted(value))\(unit.map { " \($0)" } ?? "")")
        } else if element.has("valueCodeableConcept") {
            self = .concept(try element.codings("valueCodeableConcept"))
        } else if let flag = try element.bool("valueBoolean") {
            self = .boolean(flag)
        } else if case .object(let members) = element.value, let name = members.keys.sorted().first(where: { $0.hasPrefix("value") }) {
            self = .other(name)
        } else {
            self = .none(try element.codings("dataAbsentReason").first?.code)
        }
    }

    /// Present (`true`) or absent (`false`) for a coded or boolean value.
    var presence: Bool? {
        switch self {
        case .boolean(let flag): return flag
        case .concept(let codings):
            if codings.contains(where: { $0.system == Self.present.system && $0.code == Self.present.code }) { return true }
            if codings.contains(where: { $0.system == Self.absent.system && $0.code == Self.absent.code }) { return false }
            return nil
        default: return nil
        }
    }

    /// How the value is named in an `unmapped` reason (never its content).
    var describe: String {
        switch self {
        case .quantity: "a valueQuantity"
        case .concept: "a valueCodeableConcept without LA9633-4 or LA9634-2"
        case .boolean: "a valueBoolean"
        case .other(let name): "a \(name)"
        case .none(let reason?): "no value (dataAbsentReason \(reason))"
        case .none(nil): "no value"
        }
    }
}
