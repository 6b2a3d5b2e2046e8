import Foundation
import POEMSAPI
import Testing

/// The API description as generators and contract tools read it (issue 24):
/// names that cannot collide, arrays with `items`, closed request objects a
/// generated model keeps unknown members of, examples that are valid, fixed
/// vocabularies as enums, a link from a case's creation to its reading, and
/// the rules across members stated so that a tool can see them.
@Suite struct APIDescriptionTests {
    static let document = try! JSONValue.parse(OpenAPIRoutes.document)
    static var validator: JSONSchemaValidator { OpenAPIContract.shared.validator }
    static var schemas: [String: JSONValue] { document["components"]?["schemas"]?.object ?? [:] }

    /// Every (method, path, operation) of the document.
    static var operations: [(method: String, path: String, operation: JSONValue)] {
        (document["paths"]?.object ?? [:]).flatMap { path, item in
            (item.object ?? [:]).compactMap { method, operation in
                operation["responses"] == nil ? nil : (method, path, operation)
            }
        }
    }

    /// Every schema object in the document, with its JSON pointer.
    static func allSchemas() -> [(String, [String: JSONValue])] {
        var found: [(String, [String: JSONValue])] = []
        func walk(_ node: JSONValue, _ pointer: String) {
            switch node {
            case .object(let members):
                if members["type"] != nil || members["properties"] != nil { found.append((pointer, members)) }
                for (key, value) in members { walk(value, pointer + "/" + key) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { walk(element, pointer + "/\(index)") }
            default: break
            }
        }
        walk(document, "")
        return found
    }

    @Test func operationIdsAreUniqueAndInlineObjectsDoNotTakeAComponentsName() {
        let ids = Self.operations.compactMap { $0.operation["operationId"]?.string }
        #expect(ids.count == Self.operations.count, "every operation has an operationId")
        #expect(Set(ids).count == ids.count, "operationIds are unique")
        // openapi-python-client names an inline object schema after its parent
        // and member (Case.input → CaseInput): none may be a component's name.
        for (name, schema) in Self.schemas {
            for (member, property) in schema["properties"]?.object ?? [:] where property["properties"] != nil {
                let generated = name + member.prefix(1).uppercased() + member.dropFirst()
                #expect(Self.schemas[generated] == nil, "\(name).\(member) would be named \(generated), a component's name")
            }
        }
    }

    @Test func everyArrayHasItems() {
        for (pointer, schema) in Self.allSchemas() {
            let types = schema["type"]?.array?.compactMap(\.string) ?? [schema["type"]?.string].compactMap { $0 }
            if types.contains("array") { #expect(schema["items"] != nil, "\(pointer) is an array without items") }
        }
    }

    /// Request objects are closed with `propertyNames` listing exactly the
    /// members they declare, beside `additionalProperties: true`, so that
    /// generated models keep an unknown member and send it.
    @Test func closedObjectsListExactlyTheirMembers() throws {
        var closed = 0
        for (pointer, schema) in Self.allSchemas() {
            #expect(schema["unevaluatedProperties"] == nil, "\(pointer): generators drop unknown members under it")
            #expect(schema["additionalProperties"] != .bool(false), "\(pointer): generators drop unknown members under it")
            guard let names = schema["propertyNames"] else { continue }
            closed += 1
            let declared = Set((schema["properties"]?.object ?? [:]).keys)
            #expect(Set(names["enum"]?.array?.compactMap(\.string) ?? []) == declared, "\(pointer)")
            #expect(schema["additionalProperties"] == .bool(true), "\(pointer)")
        }
        for name in ["CaseInput", "CaseSubmission", "CaseMergePatch", "Findings", "Labs", "Patient"] {
            #expect(Self.schemas[name]?["propertyNames"] != nil, "\(name) is closed")
        }
        #expect(closed >= 10)
        // The contract validator refuses an undeclared member, as the server does.
        let findings = try #require(Self.schemas["Findings"])
        #expect(!Self.validator.violations(of: .object(["papiledema": .bool(true)]), against: findings).isEmpty)
        #expect(Self.validator.violations(of: .object(["papilledema": .bool(true)]), against: findings).isEmpty)
    }

    /// Every request body's media types, and the main responses, carry
    /// examples, each valid against its schema.
    @Test func examplesForEveryRequestBodyAndTheMainResponsesAreValid() throws {
        var checked = 0
        func check(_ content: JSONValue?, _ label: String) {
            for (media, entry) in content?.object ?? [:] {
                let examples = entry["examples"]?.object ?? [:]
                #expect(!examples.isEmpty, "\(label) \(media) has no examples")
                guard let schema = entry["schema"] else { continue }
                for (name, entry) in examples {
                    let example = entry["$ref"]?.string.flatMap(Self.validator.resolve) ?? entry
                    guard let value = example["value"] else {
                        Issue.record("\(label) \(media) example \(name) has no value")
                        continue
                    }
                    let violations = Self.validator.violations(of: value, against: schema)
                    #expect(violations.isEmpty, "\(label) \(media) example \(name): \(violations.prefix(5))")
                    checked += 1
                }
            }
        }
        for (method, path, operation) in Self.operations {
            check(operation["requestBody"]?["content"], "\(method.uppercased()) \(path) request")
        }
        let main: [(String, String, String)] = [
            ("post", "/v1/evaluations", "200"), ("post", "/v1/cases", "201"), ("get", "/v1/cases/{id}", "200"),
            ("get", "/v1/cases", "200"), ("get", "/v1/changes", "200"),
        ]
        for (method, path, status) in main {
            let response = try #require(Self.document["paths"]?[path]?[method]?["responses"]?[status])
            check(.object(response["content"]?.object?.filter { $0.key == "application/json" } ?? [:]), "\(method.uppercased()) \(path) \(status)")
        }
        #expect(checked >= 18)
    }

    @Test func aCreatedCaseLinksToItsReading() throws {
        let links = try #require(Self.document["paths"]?["/v1/cases"]?["post"]?["responses"]?["201"]?["links"]?.object)
        let read = try #require(links.values.first { $0["operationId"]?.string == "getCase" }, "a link to GET /v1/cases/{id}")
        #expect(read["parameters"]?["id"]?.string == "$response.body#/id")
        let ids = Set(Self.operations.compactMap { $0.operation["operationId"]?.string })
        for (path, item) in Self.document["paths"]?.object ?? [:] {
            for (method, operation) in item.object ?? [:] {
                for (status, response) in operation["responses"]?.object ?? [:] {
                    for (name, link) in response["links"]?.object ?? [:] {
                        #expect(link["operationId"]?.string.map(ids.contains) == true, "\(method) \(path) \(status) link \(name)")
                    }
                }
            }
        }
    }

    /// Fixed vocabularies are enums: the treatment slugs, the criteria set
    /// ids, warning codes and severities, criterion roles.
    @Test func fixedVocabulariesAreEnums() throws {
        let treatment = try #require(Self.document["paths"]?["/v1/evidence/treatment-response/{treatment}"]?["get"]?["parameters"]?.array?.first)
        let slugs = treatment["schema"]?["enum"]?.array?.compactMap(\.string) ?? []
        #expect(!slugs.isEmpty)
        for (name, expected) in [("WarningCode", 5), ("CriterionRole", 3), ("CriteriaSetID", 3)] {
            #expect((Self.schemas[name]?["enum"]?.array?.count ?? 0) >= expected, "\(name)")
        }
        #expect(Self.schemas["WarningRef"]?["properties"]?["code"]?["$ref"]?.string == "#/components/schemas/WarningCode")
        #expect(Self.schemas["CaseHeadline"]?["properties"]?["criteriaSet"]?["$ref"]?.string == "#/components/schemas/CriteriaSetID")
        // A feedback's override reason of the service's own system is one of its codes.
        let feedback = try #require(Self.schemas["CDSFeedback"])
        func reason(_ system: String, _ code: String) -> JSONValue {
            .object(["feedback": .array([.object([
                "card": .string("9f3c2a10-5b7e-4d61-8a2f-0c4b6e8d1f27"), "outcome": .string("overridden"),
                "outcomeTimestamp": .string("2026-11-21T09:30:00Z"),
                "overrideReason": .object(["reason": .object(["system": .string(system), "code": .string(code)])]),
            ])])])
        }
        let own = "https://poemsd.example.org/cds-services/override-reasons"
        #expect(Self.validator.violations(of: reason(own, "not-relevant-now"), against: feedback).isEmpty)
        #expect(!Self.validator.violations(of: reason(own, "too-busy"), against: feedback).isEmpty)
        #expect(Self.validator.violations(of: reason("https://ehr.example.org/reasons", "too-busy"), against: feedback).isEmpty)
    }

    /// The rules across members of Findings and Labs, which the server
    /// refuses with 400, are in the description (dependentSchemas with
    /// if/then): a tool that reads it sees the same rule.
    @Test func rulesAcrossMembersAreStated() throws {
        let findings = try #require(Self.schemas["Findings"])
        let labs = try #require(Self.schemas["Labs"])
        func object(_ members: [String: JSONValue]) -> JSONValue { .object(members) }
        let amyloid = JSONValue.array([object(["site": .string("fat-pad"), "result": .string("amyloid")])])
        let refused: [(JSONValue, JSONValue)] = [
            (object(["scleroticBoneLesions": .bool(false), "boneLesionExtent": .string("solitary")]), findings),
            (object(["monoclonalPlasmaCellDisorder": .bool(false), "monoclonalLightChain": .string("lambda")]), findings),
            (object(["monoclonalPlasmaCellDisorder": .bool(false), "monoclonalHeavyChain": .string("IgA")]), findings),
            (object(["amyloidOnBiopsy": .bool(false), "amyloidBiopsies": amyloid]), findings),
            (object(["vegfUpperLimitPgPerMl": .number(500), "serumVegfPgPerMl": .number(900), "plasmaVegfPgPerMl": .number(90)]), labs),
        ]
        for (value, schema) in refused {
            #expect(!Self.validator.violations(of: value, against: schema).isEmpty, "\(value) breaks a rule")
        }
        let taken: [(JSONValue, JSONValue)] = [
            (object(["scleroticBoneLesions": .bool(true), "boneLesionExtent": .string("solitary")]), findings),
            (object(["monoclonalPlasmaCellDisorder": .bool(false), "monoclonalLightChain": .null]), findings),
            (object(["monoclonalLightChain": .string("lambda")]), findings),
            (object(["amyloidOnBiopsy": .bool(true), "amyloidBiopsies": amyloid]), findings),
            (object(["vegfUpperLimitPgPerMl": .number(500), "serumVegfPgPerMl": .number(900)]), labs),
        ]
        for (value, schema) in taken {
            #expect(Self.validator.violations(of: value, against: schema).isEmpty, "\(value) breaks no rule")
        }
    }
}
