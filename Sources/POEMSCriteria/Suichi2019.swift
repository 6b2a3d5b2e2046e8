/// The criteria of Suichi et al. 2019, as recorded in REFERENCES.md.
///
/// All three major criteria (including elevated VEGF) and at least two of four
/// minor criteria.
enum Suichi2019 {
    static let source = "REFERENCES.md, Suichi 2019"

    static let spec = CriteriaSetSpec(
        id: .suichi2019,
        version: "2019",
        title: "POEMS syndrome diagnostic criteria (Suichi et al., 2019)",
        // REFERENCES.md, criteria set 3
        citations: ["Suichi T, Misawa S, Kuwabara S, et al. J Neurol Neurosurg Psychiatry. 2019;90:133–137."],
        // REFERENCES.md, Suichi 2019
        rule: "All three major criteria (polyneuropathy, a monoclonal plasma cell-proliferative disorder, elevated VEGF) and at least 2 of the 4 minor criteria (edema/effusion, skin changes, organomegaly, sclerotic bone lesions).",
        requirements: [
            // REFERENCES.md, Suichi 2019: major (all three)
            Requirement(role: .major, minimum: 3, criteria: ["polyneuropathy", "monoclonalPlasmaCellDisorder", "vegfElevated"]),
            // REFERENCES.md, Suichi 2019: minor (at least two)
            Requirement(role: .minor, minimum: 2, criteria: [
                "extravascularVolumeOverload", "skinChanges", "organomegaly", "scleroticBoneLesions",
            ]),
        ],
        criteria: [
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "polyneuropathy", name: "Polyneuropathy", role: .major, source: source + ": major criterion"),
                evaluation: .finding(.polyneuropathy)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "monoclonalPlasmaCellDisorder", name: "Monoclonal plasma cell proliferative disorder",
                    role: .major, source: source + ": major criterion"),
                evaluation: .finding(.monoclonalPlasmaCellDisorder)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "vegfElevated", name: "Elevated VEGF", role: .major,
                    note: LabDerivations.vegfDerivationNote,
                    source: source + ": major criterion"),
                evaluation: .finding(.vegfElevated)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "extravascularVolumeOverload", name: "Edema/effusion", role: .minor,
                    note: "The source as recorded lists no parts; the engine counts the parts of extravascular volume overload: peripheral edema, pleural effusion and ascites.",
                    source: source + ": minor criterion"),
                evaluation: .group(.extravascularVolumeOverload, counted: ["peripheralEdema", "pleuralEffusion", "ascites"], uncountedNote: nil)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "skinChanges", name: "Skin changes", role: .minor,
                    note: "The source as recorded lists no parts; the engine counts any documented skin part: hyperpigmentation, hypertrichosis, hemangiomata, plethora, acrocyanosis, flushing, white nails.",
                    source: source + ": minor criterion"),
                evaluation: .group(
                    .skinChanges,
                    counted: ["hyperpigmentation", "hypertrichosis", "hemangiomata", "plethora", "acrocyanosis", "flushing", "whiteNails"],
                    uncountedNote: nil)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "organomegaly", name: "Organomegaly", role: .minor,
                    note: "The source as recorded lists no parts; the engine counts splenomegaly, hepatomegaly and lymphadenopathy.",
                    source: source + ": minor criterion"),
                evaluation: .group(.organomegaly, counted: ["splenomegaly", "hepatomegaly", "lymphadenopathy"], uncountedNote: nil)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "scleroticBoneLesions", name: "Sclerotic bone lesions", role: .minor,
                    source: source + ": minor criterion"),
                evaluation: .finding(.scleroticBoneLesions)),
        ],
        associatedFeatures: [],
        footnotes: [],
        notes: [])
}
