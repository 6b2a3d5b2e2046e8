import Foundation

/// The FHIR R4 translation of a case sent as the service's JSON, through the
/// seed terminology map: the same clinical facts as resources. `nil` when the
/// JSON holds something FHIR cannot say with the seed codes (the heavy or
/// light chain, Castleman disease, amyloid on biopsy, a finding given without
/// its lab, the marrow plasma cells, ...), with the first such member named.
/// A lesion biopsy needs a local code imported (``lesionBiopsyRows``).
enum FHIRTranslation {
    enum Untranslatable: Error, CustomStringConvertible {
        case member(String)
        var description: String { if case .member(let name) = self { return name } else { return "" } }
    }

    /// SNOMED CT codes of the seed map (REFERENCES.md, Codes for EHR input), by input path.
    static let findingCodes: [String: String] = [
        "polyneuropathy": "42345000", "papilledema": "423341008", "thrombocytosis": "6631009", "polycythemia": "127062003",
        "scleroticBoneLesions": "49347007",
        "organomegaly/hepatomegaly": "80515008", "organomegaly/splenomegaly": "16294009", "organomegaly/lymphadenopathy": "30746006",
        "extravascularVolumeOverload/peripheralEdema": "271809000", "extravascularVolumeOverload/ascites": "389026000",
        "extravascularVolumeOverload/pleuralEffusion": "60046008",
        "endocrinopathy/thyroid": "40930008", "endocrinopathy/gonadal": "48130008", "endocrinopathy/pancreatic": "73211009",
        "skinChanges/hyperpigmentation": "4830009", "skinChanges/hypertrichosis": "29966009", "skinChanges/acrocyanosis": "25003006",
        "skinChanges/plethora": "75246004", "skinChanges/whiteNails": "111202002",
    ]

    /// The tests of `mProteinTests` and how a negative result is sent.
    static let negativeTests: [String: @Sendable (String) -> [String: Any]] = [
        "serumElectrophoresis": { FHIRBundles.lab($0, "33358-3", 0, "g/dL") },
        "serumImmunofixation": { FHIRBundles.mProtein($0, "25700-6", shown: false) },
        "urineImmunofixation": { FHIRBundles.mProtein($0, "13440-3", shown: false) },
        "serumFreeLightChains": { FHIRBundles.freeLightChainRatio($0, 1.1, interpretation: "N") },
        "lesionBiopsy": { FHIRBundles.observation($0, FHIRBundles.concept(lesionBiopsySystem, lesionBiopsyCode),
                                                  value: ["valueCodeableConcept": FHIRBundles.concept(FHIRBundles.loinc, "LA9634-2")]) },
    ]

    /// A laboratory's own lesion-biopsy code (REFERENCES.md lists none, so none is seeded): the parity
    /// test imports it as an operator would (``lesionBiopsyRows``).
    static let lesionBiopsySystem = "urn:oid:1.2.3.4"
    static let lesionBiopsyCode = "LESION-BX"
    static let lesionBiopsyRows = #"{"rows": [{"system": "urn:oid:1.2.3.4", "code": "LESION-BX", "display": "Biopsy of a bone lesion for clonal plasma cells (local)", "kind": "monoclonal-protein", "target": "lesion-biopsy", "source": "test laboratory catalogue", "evidence": "local"}]}"#

    static func bundle(json: String, on date: Date = Date()) throws(Untranslatable) -> [UInt8] {
        guard let document = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { throw .member("the document") }
        var resources: [[String: Any]] = []
        var next = 0
        func id() -> String { next += 1; return "r\(next)" }

        for key in document.keys {
            switch key {
            case "patient", "findings", "labs": continue
            default: throw .member(key)
            }
        }
        if let patient = document["patient"] as? [String: Any] {
            var birthDate: String?
            if let age = patient["ageYears"] as? Double {
                // Half a year past the birthday: the whole years are `age` on any day of the test run.
                let birth = Calendar(identifier: .gregorian).date(byAdding: .day, value: -Int(age * 365.25 + 182), to: date)!
                birthDate = ISO8601DateFormatter.string(from: birth, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            }
            resources.append(FHIRBundles.patient(sex: patient["sex"] as? String, birthDate: birthDate))
        }
        let findings = document["findings"] as? [String: Any] ?? [:]
        var tests = findings["mProteinTests"] as? [String: Any] ?? [:]
        for (key, value) in findings.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case (_, is NSNull): continue
            case ("monoclonalPlasmaCellDisorder", let present as Bool):
                if present {
                    guard tests.isEmpty else { throw .member("mProteinTests beside a protein shown") }
                    resources.append(FHIRBundles.mProtein(id(), "25700-6", shown: true))
                } else {
                    let done = tests.filter { $0.value as? Bool == true }.map(\.key).sorted()
                    guard !done.isEmpty else { throw .member("monoclonalPlasmaCellDisorder false without a test done") }
                    for test in done {
                        guard let make = negativeTests[test] else { throw .member("mProteinTests/\(test)") }
                        resources.append(make(id()))
                    }
                }
                tests = [:]
            case ("mProteinTests", _): continue
            case ("boneLesionExtent", let extent as String):
                resources.append(FHIRBundles.boneLesionExtent(id(), extent))
            case (_, let present as Bool):
                if let code = findingCodes[key] {
                    resources.append(FHIRBundles.feature(id(), code, present: present))
                } else if !present, let parts = parts(of: key) {
                    // A group reported absent: every part absent, when FHIR has a code for every part.
                    for part in parts { resources.append(FHIRBundles.feature(id(), findingCodes["\(key)/\(part)"]!, present: false)) }
                } else {
                    throw .member("findings/\(key)")
                }
            case (_, let group as [String: Any]):
                for (part, flag) in group.sorted(by: { $0.key < $1.key }) {
                    if flag is NSNull { continue }
                    guard let present = flag as? Bool, let code = findingCodes["\(key)/\(part)"] else { throw .member("findings/\(key)/\(part)") }
                    resources.append(FHIRBundles.feature(id(), code, present: present))
                }
            default:
                throw .member("findings/\(key)")
            }
        }
        guard tests.isEmpty || tests.values.allSatisfy({ $0 is NSNull || $0 as? Bool == false }) else { throw .member("mProteinTests without the disorder") }

        let labs = (document["labs"] as? [String: Any] ?? [:]).filter { !($0.value is NSNull) }
        let limit = labs["vegfUpperLimitPgPerMl"] as? Double
        for (key, value) in labs.sorted(by: { $0.key < $1.key }) {
            guard let number = value as? Double else { throw .member("labs/\(key)") }
            switch key {
            case "hemoglobinGPerDl": resources.append(FHIRBundles.lab(id(), "718-7", number, "g/dL"))
            case "plateletCount10e9PerL": resources.append(FHIRBundles.lab(id(), "777-3", number, "10*9/L"))
            case "calciumMgPerDl": resources.append(FHIRBundles.lab(id(), "17861-6", number, "mg/dL"))
            case "creatinineMgPerDl": resources.append(FHIRBundles.lab(id(), "2160-0", number, "mg/dL"))
            case "plasmaVegfPgPerMl": resources.append(FHIRBundles.vegf(id(), number, specimen: FHIRBundles.plasma, upperLimit: limit))
            case "serumVegfPgPerMl": resources.append(FHIRBundles.vegf(id(), number, specimen: FHIRBundles.serum, upperLimit: limit))
            case "vegfUpperLimitPgPerMl": continue
            default: throw .member("labs/\(key)")
            }
        }
        return FHIRBundles.bundle(resources)
    }

    /// The parts of a group whose every part FHIR can say, or `nil`.
    static func parts(of group: String) -> [String]? {
        let parts = findingCodes.keys.filter { $0.hasPrefix(group + "/") }.map { String($0.dropFirst(group.count + 1)) }.sorted()
        let all: [String: Int] = ["organomegaly": 3, "extravascularVolumeOverload": 3]
        guard let count = all[group], parts.count == count else { return nil }
        return parts
    }
}
