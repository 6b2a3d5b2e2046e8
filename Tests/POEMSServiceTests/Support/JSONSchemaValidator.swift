import Foundation

/// A JSON Schema (2020-12, as OpenAPI 3.1 uses it) validator for the
/// keywords `Sources/POEMSAPI/openapi.json` uses. A keyword it does not know
/// is reported as a violation, so that the document cannot start relying on
/// one that would silently be skipped.
struct JSONSchemaValidator {
    /// The whole document, against which `$ref`s resolve.
    let root: JSONValue

    /// Keywords that describe and never constrain.
    static let annotations: Set<String> = [
        "description", "title", "format", "examples", "example", "default", "deprecated",
        "readOnly", "writeOnly", "$comment",
    ]

    /// The violations of `value` against `schema`, each with its JSON pointer.
    func violations(of value: JSONValue, against schema: JSONValue, at pointer: String = "") -> [String] {
        var found: [String] = []
        validate(value, schema, pointer, &found)
        return found
    }

    private func validate(_ value: JSONValue, _ schema: JSONValue, _ pointer: String, _ found: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(pointer): no value is allowed here") }
            return
        }
        guard let keywords = schema.object else {
            found.append("\(pointer): schema is not an object")
            return
        }
        for (keyword, argument) in keywords {
            switch keyword {
            case "$ref":
                guard let reference = argument.string, let target = resolve(reference) else {
                    found.append("\(pointer): unresolvable $ref \(argument)")
                    continue
                }
                validate(value, target, pointer, &found)
            case "type":
                let names = argument.array?.compactMap(\.string) ?? [argument.string].compactMap { $0 }
                if value.schemaTypes.isDisjoint(with: names) {
                    found.append("\(pointer): \(describe(value)) is not of type \(names.joined(separator: " or "))")
                }
            case "enum":
                if !(argument.array ?? []).contains(value) { found.append("\(pointer): \(describe(value)) is not one of \(argument.array ?? [])") }
            case "const":
                if value != argument { found.append("\(pointer): \(describe(value)) is not \(argument)") }
            case "required":
                guard let members = value.object else { continue }
                for name in argument.array?.compactMap(\.string) ?? [] where members[name] == nil {
                    found.append("\(pointer): required member '\(name)' is missing")
                }
            case "properties":
                guard let members = value.object, let properties = argument.object else { continue }
                for (name, member) in members {
                    if let memberSchema = properties[name] { validate(member, memberSchema, pointer + "/" + name, &found) }
                }
            case "additionalProperties", "unevaluatedProperties":
                // Beside no applicator, `unevaluatedProperties` evaluates the
                // members `properties` does not declare, as
                // `additionalProperties` does: the description closes request
                // objects with it (see its info.description). Beside one, it
                // would need the applicators' annotations, which this
                // validator does not collect.
                if keyword == "unevaluatedProperties", ["allOf", "anyOf", "oneOf", "$ref"].contains(where: { keywords[$0] != nil }) {
                    found.append("\(pointer): the contract validator does not support 'unevaluatedProperties' beside an applicator")
                    continue
                }
                guard let members = value.object else { continue }
                let declared = keywords["properties"]?.object ?? [:]
                for (name, member) in members where declared[name] == nil {
                    validate(member, argument, pointer + "/" + name, &found)
                }
            case "propertyNames":
                // The description closes request objects with it (see its info.description).
                guard let members = value.object else { continue }
                for name in members.keys {
                    let nameViolations = violations(of: .string(name), against: argument, at: pointer + "/" + name)
                    if !nameViolations.isEmpty { found.append("\(pointer): the member '\(name)' is not one the object declares") }
                }
            case "pattern":
                guard let text = value.string, let expression = argument.string else { continue }
                guard let regex = try? NSRegularExpression(pattern: expression) else {
                    found.append("\(pointer): the pattern \(expression) does not compile")
                    continue
                }
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    found.append("\(pointer): \(describe(value)) does not match \(expression)")
                }
            case "if":
                // JSON Schema 2020-12: `then` applies when `if` holds, `else` when it does not.
                let holds = violations(of: value, against: argument, at: pointer).isEmpty
                if let branch = keywords[holds ? "then" : "else"] { validate(value, branch, pointer, &found) }
            case "then", "else":
                continue  // with their `if`
            case "dependentSchemas":
                guard let members = value.object, let dependents = argument.object else { continue }
                for (name, dependent) in dependents where members[name] != nil { validate(value, dependent, pointer, &found) }
            case "contains":
                guard let elements = value.array else { continue }
                let matching = elements.filter { violations(of: $0, against: argument, at: pointer).isEmpty }.count
                let least = keywords["minContains"]?.number ?? 1
                let most = keywords["maxContains"]?.number ?? .infinity
                if Double(matching) < least || Double(matching) > most {
                    found.append("\(pointer): \(matching) items match contains (\(Int(least)) to \(most) allowed)")
                }
            case "minContains", "maxContains":
                continue  // with their `contains`
            case "items":
                guard let elements = value.array else { continue }
                for (index, element) in elements.enumerated() { validate(element, argument, pointer + "/\(index)", &found) }
            case "allOf":
                for branch in argument.array ?? [] { validate(value, branch, pointer, &found) }
            case "anyOf", "oneOf":
                let passing = (argument.array ?? []).filter { violations(of: value, against: $0, at: pointer).isEmpty }.count
                if keyword == "anyOf" ? passing == 0 : passing != 1 {
                    found.append("\(pointer): \(describe(value)) matches \(passing) of the \(keyword) schemas")
                }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard let number = value.number, let bound = argument.number else { continue }
                let holds = switch keyword {
                case "minimum": number >= bound
                case "maximum": number <= bound
                case "exclusiveMinimum": number > bound
                default: number < bound
                }
                if !holds { found.append("\(pointer): \(number) violates \(keyword) \(bound)") }
            case "minLength", "maxLength":
                guard let text = value.string, let bound = argument.number else { continue }
                let length = Double(text.unicodeScalars.count)
                if keyword == "minLength" ? length < bound : length > bound {
                    found.append("\(pointer): length \(Int(length)) violates \(keyword) \(Int(bound))")
                }
            case "minItems", "maxItems":
                guard let elements = value.array, let bound = argument.number else { continue }
                let count = Double(elements.count)
                if keyword == "minItems" ? count < bound : count > bound {
                    found.append("\(pointer): \(elements.count) items violate \(keyword) \(Int(bound))")
                }
            case _ where Self.annotations.contains(keyword):
                continue
            default:
                found.append("\(pointer): the contract validator does not support the keyword '\(keyword)'")
            }
        }
    }

    /// The schema a local reference (`#/components/schemas/Name`) names.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = node?[name]
        }
        return node
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text.prefix(60))\""
        case .number(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
