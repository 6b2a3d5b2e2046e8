import Foundation

/// Request bodies for comparing the strict hand-written reader with the
/// `Decodable` path: every JSON fixture in the repository, hand-picked edge
/// cases of the JSON grammar and of the contract, and documents generated
/// from a fixed seed with ``SplitMix64`` (valid ones, wrong types, unknown and misspelt fields,
/// numbers at and beyond their ranges, and byte-level mutations of all of
/// these). The same corpus seeds the fuzzer (`scripts/fuzz.sh`).
enum InputCorpus {
    /// Everything, named for failure messages.
    static func all(generated count: Int = 4_000) -> [(name: String, bytes: [UInt8])] {
        fixtures() + edgeCases.enumerated().map { ("edge case \($0.offset)", Array($0.element.utf8)) }
            + rawEdgeCases.enumerated().map { ("raw edge case \($0.offset)", $0.element) }
            + generate(count: count, seed: 0x504F_454D_53).enumerated().map { ("generated \($0.offset)", $0.element) }
    }

    /// The repository's request fixtures: benchmarks' bodies, the FHIR
    /// Bundles, the fuzzer's seeds and every input the fuzzer found a crash with.
    static func fixtures() -> [(name: String, bytes: [UInt8])] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let paths = ["bench/full-workup.json", "bench/case.json"]
            + ["Tests/Fixtures/fhir", "Tests/Fuzz/seeds", fuzzCrashes].flatMap { directory in
                ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(directory).path)) ?? [])
                    .filter { !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
            }
        return paths.compactMap { path in
            FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { (path, Array($0)) }
        }
    }

    /// Where the inputs that crashed the fuzzer are kept (`scripts/fuzz.sh`).
    static let fuzzCrashes = "Tests/Fuzz/crashes"

    /// The grammar's corners and the contract's, as text.
    static let edgeCases: [String] = [
        #"{"findings": {}}"#, #" {"findings":{}} "#, "{\"findings\":{}}\n\t\r", #"{"findings": {}}x"#, #"{"findings": {},}"#,
        #"{"findings": {} /* c */}"#, #"{"findings": null}"#, #"{"findings": []}"#, #"{"findings": "x"}"#, #"{"findings": 1}"#,
        #"{}"#, #"[]"#, #"null"#, #"true"#, #"1"#, #""findings""#, #""#, " ", #"{"#, #"{"findings""#, #"{"findings":"#,
        #"{"findings": {"polyneuropathy": true}, "findings": {}}"#, #"{"findings": {"polyneuropathy": true, "polyneuropathy": false}}"#,
        #"{"\u0066indings": {"poly\u006Europathy": true}}"#, #"{"findings": {"polyneuropath\u0079": 1}}"#,
        #"{"findings": {"\u00e9": true}}"#, #"{"findings": {"é": true}}"#, #"{"findings": {"\uD83D\uDE00": true}}"#,
        #"{"findings": {"\uD83D": true}}"#, #"{"findings": {"\uDE00x": true}}"#, #"{"findings": {"\x": true}}"#, #"{"findings": {"\u12": true}}"#,
        #"{"findings": {"a\/b": true}}"#, #"{"findings": {}, "x": "\u00s"}"#, #"{"findings": {}, "x": {"a\u00s": 1}}"#,
        #"{"findings": {}, "zz": "\uZZZZ"}"#, #"{"findings": {}, "zz": "\u1{"o": 1}"#, #"{"findings": {}, "zz": "\u12"}"#, #"{"findings": {}, "zz": "\u00sabc"}"#, #"{"findings": {}, "zz": "\"}"#,
        #"{"findings": {"\uD800\u0041": true}}"#, #"{"findings": {"\uD800\q": true}}"#, #"{"findings": {}, "patient": {"sex": "\u00"}}"#, #"{"findings": {"": true}}"#, #"{"findings": {"zeta": 1, "alpha": [], "Beta": {}}}"#,
        "{\"findings\": {\"\u{212A}\": true}}", "{\"findings\": {\"pap\u{0131}lledema\": true}}",
        #"{"findings": {}, "patient": {"sex": "f\u0065male", "ageYears": 1e2}}"#, #"{"findings": {}, "patient": {"ageYears": 150.0000000000001}}"#,
        #"{"findings": {}, "patient": {"ageYears": -0}}"#, #"{"findings": {}, "patient": {"ageYears": 1e400}}"#,
        #"{"findings": {}, "patient": {"ageYears": -1e400}}"#, #"{"findings": {}, "patient": {"ageYears": 1e-400}}"#,
        #"{"findings": {}, "patient": {"ageYears": 01}}"#, #"{"findings": {}, "patient": {"ageYears": 1.}}"#,
        #"{"findings": {}, "patient": {"ageYears": .5}}"#, #"{"findings": {}, "patient": {"ageYears": +1}}"#,
        #"{"findings": {}, "patient": {"ageYears": -}}"#, #"{"findings": {}, "patient": {"ageYears": 1e}}"#,
        #"{"findings": {}, "patient": {"ageYears": 1E+2}}"#, #"{"findings": {}, "patient": {"ageYears": NaN}}"#,
        #"{"findings": {}, "patient": {"ageYears": Infinity}}"#, #"{"findings": {}, "patient": {"ageYears": 0x10}}"#,
        #"{"findings": {}, "patient": {"ageYears": 123456789012345678901234567890}}"#, #"{"findings": {}, "patient": {"ageYears": "52"}}"#,
        #"{"findings": {}, "patient": {"ageYears": true}}"#, #"{"findings": {}, "patient": {"sex": null, "ageYears": null}}"#,
        #"{"findings": {}, "patient": {"sex": 1}}"#, #"{"findings": {}, "patient": {"sex": ["male"]}}"#, #"{"findings": {}, "patient": []}"#,
        #"{"findings": {}, "patient": "male"}"#, #"{"findings": {}, "labs": {"hemoglobinGPerDl": 135}}"#,
        #"{"findings": {}, "labs": {"calciumMgPerDl": 2.4}}"#, #"{"findings": {}, "labs": {"creatinineMgPerDl": 88}}"#,
        #"{"findings": {}, "labs": {"plateletCount10e9PerL": 450000}}"#, #"{"findings": {}, "labs": {"serumVegfPgPerMl": 100001}}"#,
        #"{"findings": {}, "labs": {"vegfUpperLimitPgPerMl": 0}}"#, #"{"findings": {}, "labs": {"boneMarrowPlasmaCellPercent": 101}}"#,
        #"{"findings": {}, "labs": {"serumVegfPgPerMl": 1, "plasmaVegfPgPerMl": 2, "vegfUpperLimitPgPerMl": 3}}"#,
        #"{"findings": {}, "labs": {"hemoglobinGPerDl": 1e400}}"#, #"{"findings": {}, "labs": {"hemoglobinGPerDl": "12"}}"#,
        #"{"findings": {"organomegaly": {"splenomegally": true}}}"#, #"{"findings": {"organomegaly": 3}}"#,
        #"{"findings": {"organomegaly": "yes"}}"#, #"{"findings": {"organomegaly": []}}"#, #"{"findings": {"organomegaly": {}}}"#,
        #"{"findings": {"skinChanges": {"whiteNails": 1}}}"#, #"{"findings": {"endocrinopathy": {"diabetes": true}}}"#,
        #"{"findings": {"extravascularVolumeOverload": {"ascites": null}}}"#, #"{"findings": {"mProteinTests": {"lesionBiopsy": true, "x": 1}}}"#,
        #"{"findings": {"mProteinTests": true}}"#, #"{"findings": {"mProteinTests": null}}"#,
        #"{"findings": {"monoclonalLightChain": "mu"}}"#, #"{"findings": {"monoclonalLightChain": "Lambda"}}"#,
        #"{"findings": {"monoclonalHeavyChain": "igg"}}"#, #"{"findings": {"monoclonalHeavyChain": "light-chain-only"}}"#,
        #"{"findings": {"monoclonalPlasmaCellDisorder": false, "monoclonalLightChain": "lambda", "monoclonalHeavyChain": "IgG"}}"#,
        #"{"findings": {"scleroticBoneLesions": false, "boneLesionExtent": "solitary"}}"#,
        #"{"findings": {"scleroticBoneLesions": false, "boneLesionExtent": "diffuse"}}"#,
        #"{"findings": {"papilledema": "true"}, "lab": {}}"#, #"{"finding": {}}"#, #"{"findings": {}, "patientRef": "Patient/1"}"#,
        #"{"findings": {}, "patientRef": "", "note": "x"}"#, #"{"findings": {}, "patientRef": 1}"#, #"{"findings": {}, "note": null}"#,
        #"{"findings": {"polyneuropathy": tru}}"#, #"{"findings": {"polyneuropathy": True}}"#, #"{"findings": {"polyneuropathy": nul}}"#,
        "{\"findings\": {\"polyneuropathy\":\u{0C}true}}", "{\"findings\": {\"poly\tneuropathy\": true}}",
        "{\"findings\": {\"polyneuropathy\":\u{A0}true}}", #"{"findings": {"polyneuropathy": true}} {}"#,
        // Issue 21: the biopsy list, the lesion count, the free light chains.
        #"{"findings": {"amyloidBiopsies": [{"site": "fat-pad", "result": "no-amyloid"}, {"site": "kidney", "result": "amyloid"}]}}"#,
        #"{"findings": {"amyloidBiopsies": []}}"#, #"{"findings": {"amyloidBiopsies": null}}"#, #"{"findings": {"amyloidBiopsies": true}}"#,
        #"{"findings": {"amyloidBiopsies": {"site": "kidney"}}}"#, #"{"findings": {"amyloidBiopsies": [null]}}"#, #"{"findings": {"amyloidBiopsies": [1]}}"#,
        #"{"findings": {"amyloidBiopsies": [[]]}}"#, #"{"findings": {"amyloidBiopsies": [{}]}}"#, #"{"findings": {"amyloidBiopsies": [{"site": "kidney"}]}}"#,
        #"{"findings": {"amyloidBiopsies": [{"result": "amyloid"}]}}"#, #"{"findings": {"amyloidBiopsies": [{"site": null, "result": "amyloid"}]}}"#,
        #"{"findings": {"amyloidBiopsies": [{"site": 1, "result": "amyloid"}]}}"#, #"{"findings": {"amyloidBiopsies": [{"site": "skin", "result": "amyloid"}]}}"#,
        #"{"findings": {"amyloidBiopsies": [{"site": "heart", "result": "maybe"}]}}"#, #"{"findings": {"amyloidBiopsies": [{"site": "heart", "result": "amyloid", "x": 1}]}}"#,
        #"{"findings": {"amyloidBiopsies": [{"site": "liver", "result": "no-amyloid"}, {"site": "liver", "result": null}]}}"#,
        #"{"findings": {"amyloidBiopsies": [{"s\u0069te": "nerve", "result": "amyloid"}]}}"#, #"{"findings": {"amyloidBiopsies": [{"site": "nerve", "result": "amyloid", "site": "other"}]}}"#,
        #"{"findings": {"amyloidOnBiopsy": false, "amyloidBiopsies": [{"site": "rectal", "result": "amyloid"}]}}"#,
        #"{"findings": {"amyloidOnBiopsy": true, "amyloidBiopsies": [{"site": "rectal", "result": "no-amyloid"}]}}"#,
        #"{"findings": {"mriFocalLesions": 0}}"#, #"{"findings": {"mriFocalLesions": 2}}"#, #"{"findings": {"mriFocalLesions": 2.0}}"#,
        #"{"findings": {"mriFocalLesions": 1.5}}"#, #"{"findings": {"mriFocalLesions": -1}}"#, #"{"findings": {"mriFocalLesions": 1e300}}"#,
        #"{"findings": {"mriFocalLesions": true}}"#, #"{"findings": {"mriFocalLesions": "3"}}"#, #"{"findings": {"osteolyticBoneLesions": 1}}"#,
        #"{"findings": {}, "labs": {"serumFreeLightChainRatio": 150, "involvedFreeLightChainMgPerL": 240}}"#,
        #"{"findings": {}, "labs": {"serumFreeLightChainRatio": -1}}"#, #"{"findings": {}, "labs": {"involvedFreeLightChainMgPerL": -0.5}}"#,
        #"{"findings": {}, "labs": {"serumFreeLightChainRatio": 0, "involvedFreeLightChainMgPerL": 0}}"#,
    ]

    /// Edge cases that are not valid UTF-8 text, or carry other encodings.
    static let rawEdgeCases: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF] + Array(#"{"findings": {}}"#.utf8),
        Array(#"{"findings": {"#.utf8) + [0x22, 0xC3, 0x28, 0x22] + Array(#": true}}"#.utf8),
        Array(#"{"findings": {"#.utf8) + [0x22, 0xED, 0xA0, 0x80, 0x22] + Array(#": true}}"#.utf8),
        Array(#"{"findings": {}, "patient": {"sex": ""#.utf8) + [0xFF] + Array(#""}}"#.utf8),
        Array(#"{"findings": {}}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        [0xFF, 0xFE] + Array(#"{"findings": {}}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        Array(#"{"findings": {"polyneuropathy": true}}"#.utf8) + [0],
    ]

    // MARK: Generated documents

    static let findingBooleans = [
        "polyneuropathy", "monoclonalPlasmaCellDisorder", "amyloidOnBiopsy", "castlemanDisease", "scleroticBoneLesions",
        "vegfElevated", "papilledema", "thrombocytosis", "polycythemia", "clubbing", "weightLoss", "hyperhidrosis",
        "pulmonaryHypertension", "restrictiveLungDisease", "thromboticDiathesis", "arthralgias", "cardiomyopathy", "fever",
        "lowVitaminB12", "diarrhea", "osteolyticBoneLesions",
    ]
    static let groups: [(name: String, parts: [String])] = [
        ("organomegaly", ["splenomegaly", "hepatomegaly", "lymphadenopathy"]),
        ("extravascularVolumeOverload", ["peripheralEdema", "pleuralEffusion", "ascites"]),
        ("endocrinopathy", ["adrenal", "thyroid", "pituitary", "gonadal", "parathyroid", "pancreatic"]),
        ("skinChanges", ["hyperpigmentation", "hypertrichosis", "hemangiomata", "plethora", "acrocyanosis", "flushing", "whiteNails"]),
        ("mProteinTests", ["serumElectrophoresis", "serumImmunofixation", "urineImmunofixation", "serumFreeLightChains", "lesionBiopsy"]),
    ]
    static let enums: [(name: String, values: [String])] = [
        ("monoclonalLightChain", ["lambda", "kappa"]), ("monoclonalHeavyChain", ["IgG", "IgA", "IgM", "light-chain-only"]),
        ("boneLesionExtent", ["solitary", "limited", "widespread"]),
    ]
    static let labs = [
        "serumVegfPgPerMl", "plasmaVegfPgPerMl", "vegfUpperLimitPgPerMl", "plateletCount10e9PerL", "hemoglobinGPerDl",
        "boneMarrowPlasmaCellPercent", "calciumMgPerDl", "creatinineMgPerDl", "serumFreeLightChainRatio", "involvedFreeLightChainMgPerL",
    ]
    static let numbers = [
        "0", "-0", "1", "-1", "0.1", "4", "12.5", "14.2", "17", "25", "25.0001", "30", "88", "100", "135", "150", "151", "520",
        "2400", "5000", "100000", "100001", "1e2", "1E-3", "2.5e+1", "-0.5", "1e400", "123456789012345678901", "0.0000001",
    ]

    /// `count` documents from `seed`: about half well-formed by the
    /// contract's shape, the rest with a wrong value or name, or mutated bytes.
    static func generate(count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var text = document(&random)
            if random.below(4) == 0 { text = misspell(text, &random) }
            var bytes = Array(text.utf8)
            if random.below(3) == 0 {
                for _ in 0...random.below(3) { mutate(&bytes, &random) }
            }
            return bytes
        }
    }

    private static func document(_ random: inout SplitMix64) -> String {
        var members: [String] = []
        if random.below(8) != 0 { members.append(#""findings": "# + findings(&random)) }
        if random.below(2) == 0 {
            var patient: [String] = []
            if random.below(2) == 0 { patient.append(#""sex": "# + pick(["\"female\"", "\"male\"", "\"f\"", "null", "1"], &random)) }
            if random.below(2) == 0 { patient.append(#""ageYears": "# + value(number: true, &random)) }
            members.append(#""patient": "# + object(patient, &random))
        }
        if random.below(2) == 0 {
            let chosen = labs.filter { _ in random.below(3) == 0 }
            members.append(#""labs": "# + object(chosen.map { "\"\($0)\": " + value(number: true, &random) }, &random))
        }
        if random.below(10) == 0 { members.append(#""patientRef": "Patient/1""#) }
        return object(members.shuffled(using: &random), &random)
    }

    private static func findings(_ random: inout SplitMix64) -> String {
        var members = findingBooleans.filter { _ in random.below(3) == 0 }.map { "\"\($0)\": " + value(number: false, &random) }
        for group in groups where random.below(3) == 0 {
            let parts = group.parts.filter { _ in random.below(2) == 0 }.map { "\"\($0)\": " + value(number: false, &random) }
            let whole = group.name != "mProteinTests" && random.below(3) == 0
            members.append("\"\(group.name)\": " + (whole ? value(number: false, &random) : object(parts, &random)))
        }
        for item in enums where random.below(3) == 0 {
            members.append("\"\(item.name)\": " + pick(item.values.map { "\"\($0)\"" } + ["\"other\"", "null", "true"], &random))
        }
        if random.below(4) == 0 { members.append(#""mriFocalLesions": "# + value(number: true, &random)) }
        if random.below(4) == 0 {
            let biopsies = (0..<random.below(3)).map { _ in
                object([#""site": "# + pick(["\"fat-pad\"", "\"kidney\"", "\"other\"", "\"skin\"", "null", "1"], &random),
                        #""result": "# + pick(["\"amyloid\"", "\"no-amyloid\"", "\"none\"", "null", "true"], &random)]
                    .filter { _ in random.below(6) != 0 }, &random)
            }
            members.append(#""amyloidBiopsies": "# + (random.below(8) == 0 ? value(number: false, &random) : "[" + biopsies.joined(separator: ", ") + "]"))
        }
        return object(members.shuffled(using: &random), &random)
    }

    /// A value of the expected kind most of the time, of another kind sometimes.
    private static func value(number: Bool, _ random: inout SplitMix64) -> String {
        switch random.below(12) {
        case 0: "null"
        case 1: pick(["\"yes\"", "[]", "{}", "[true]", "\"1\""], &random)
        case 2: number ? pick(["true", "false"], &random) : pick(numbers, &random)
        default: number ? pick(numbers, &random) : pick(["true", "false"], &random)
        }
    }

    private static func object(_ members: [String], _ random: inout SplitMix64) -> String {
        let separator = pick([", ", ",", ",\n  ", " ,\t"], &random)
        return "{" + members.joined(separator: separator) + "}"
    }

    /// One member name changed: a letter dropped, doubled or recased, or escaped as `\u00XX`.
    private static func misspell(_ text: String, _ random: inout SplitMix64) -> String {
        let names = findingBooleans + groups.flatMap(\.parts) + labs + ["findings", "patient", "labs", "sex", "ageYears"]
        let name = pick(names, &random)
        guard text.contains("\"\(name)\"") else { return text }
        var letters = Array(name)
        let index = random.below(letters.count)
        switch random.below(4) {
        case 0: letters.remove(at: index)
        case 1: letters.insert(letters[index], at: index)
        case 2: letters[index] = Character(letters[index].isUppercase ? letters[index].lowercased() : letters[index].uppercased())
        default:
            let escaped = String(format: "\\u%04x", letters[index].unicodeScalars.first!.value)
            return text.replacingOccurrences(of: "\"\(name)\"", with: "\"" + String(letters[..<index]) + escaped + String(letters[(index + 1)...]) + "\"")
        }
        return text.replacingOccurrences(of: "\"\(name)\"", with: "\"\(String(letters))\"")
    }

    /// A byte deleted, inserted or replaced, or a span repeated.
    private static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        guard !bytes.isEmpty else { return }
        let index = random.below(bytes.count)
        let interesting: [UInt8] = Array(#"{}[]",:\ 0-.eE"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        switch random.below(4) {
        case 0: bytes.remove(at: index)
        case 1: bytes.insert(pick(interesting, &random), at: index)
        case 2: bytes[index] = pick(interesting, &random)
        default:
            let end = min(bytes.count, index + 1 + random.below(16))
            bytes.insert(contentsOf: bytes[index..<end], at: index)
        }
    }

    private static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
        items[random.below(items.count)]
    }
}
