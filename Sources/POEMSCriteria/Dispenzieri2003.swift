/// The 2003 criteria: Table 1 of seed 004 (Dispenzieri et al., POEMS
/// syndrome: definitions and long-term outcome, Blood 2003;101:2496–2506).
///
/// Both major criteria and at least one of seven minor criteria (footnote *).
enum Dispenzieri2003 {
    // seed 004, Table 1, footnotes *, †, ‡ (verbatim)
    static let footnoteStar = Footnote(
        mark: "*", text: "Two major criteria and at least 1 minor criterion required for diagnosis.")
    static let footnoteDagger = Footnote(
        mark: "†", text: "Osteosclerotic lesion or Castleman disease is almost always present.")
    static let footnoteDoubleDagger = Footnote(
        mark: "‡",
        text: "Because of the high prevalence of diabetes mellitus and thyroid abnormalities, this diagnosis alone is not sufficient to meet this minor criterion.")

    static let source = "seed 004, Table 1"

    static let spec = CriteriaSetSpec(
        id: .dispenzieri2003,
        version: "2003",
        title: "POEMS syndrome diagnostic criteria (Dispenzieri et al., 2003)",
        // seed 004, Table 1 caption: "This research was originally published in Blood. Dispenzieri et al. ..."
        citations: ["Dispenzieri A, et al. POEMS syndrome: definitions and long-term outcome. Blood. 2003;101:2496–2506."],
        citation: "Dispenzieri A, et al. POEMS syndrome: definitions and long-term outcome. Blood. 2003;101:2496–2506. As reproduced in Table 1 of the Mayo Clinic review (seed 004).",
        // seed 004, Table 1, footnote *
        rule: "Both major criteria and at least 1 minor criterion (Table 1, footnote *: two major criteria and at least 1 minor criterion required for diagnosis).",
        requirements: [
            // seed 004, Table 1, footnote *: two major criteria
            Requirement(role: .major, minimum: 2, criteria: ["polyneuropathy", "monoclonalPlasmaCellDisorder"]),
            // seed 004, Table 1, footnote *: at least 1 minor criterion
            Requirement(role: .minor, minimum: 1, criteria: [
                "scleroticBoneLesions", "castlemanDisease", "organomegaly", "extravascularVolumeOverload",
                "endocrinopathy", "skinChanges", "papilledema",
            ]),
        ],
        criteria: [
            // seed 004, Table 1, major criteria
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "polyneuropathy", name: "Polyneuropathy", role: .major,
                    source: "seed 004, Table 1 (major criterion)"),
                evaluation: .finding(.polyneuropathy)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "monoclonalPlasmaCellDisorder", name: "Monoclonal plasma cell-proliferative disorder",
                    role: .major, source: "seed 004, Table 1 (major criterion)"),
                evaluation: .finding(.monoclonalPlasmaCellDisorder)),
            // seed 004, Table 1, minor criteria, with footnote †
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "scleroticBoneLesions", name: "Sclerotic bone lesions", role: .minor,
                    footnotes: [footnoteDagger], source: "seed 004, Table 1 (minor criterion, footnote †)"),
                evaluation: .finding(.scleroticBoneLesions)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "castlemanDisease", name: "Castleman disease", role: .minor,
                    footnotes: [footnoteDagger], source: "seed 004, Table 1 (minor criterion, footnote †)"),
                evaluation: .finding(.castlemanDisease)),
            // seed 004, Table 1: Organomegaly (splenomegaly, hepatomegaly, or lymphadenopathy)
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "organomegaly", name: "Organomegaly", role: .minor,
                    parts: [
                        PartDefinition(id: "splenomegaly", name: "Splenomegaly"),
                        PartDefinition(id: "hepatomegaly", name: "Hepatomegaly"),
                        PartDefinition(id: "lymphadenopathy", name: "Lymphadenopathy"),
                    ],
                    source: "seed 004, Table 1 (minor criterion)"),
                evaluation: .group(.organomegaly, counted: ["splenomegaly", "hepatomegaly", "lymphadenopathy"], uncountedNote: nil)),
            // seed 004, Table 1: Edema (edema, pleural effusion, or ascites)
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "extravascularVolumeOverload", name: "Edema (edema, pleural effusion, or ascites)", role: .minor,
                    parts: [
                        PartDefinition(id: "peripheralEdema", name: "Edema"),
                        PartDefinition(id: "pleuralEffusion", name: "Pleural effusion"),
                        PartDefinition(id: "ascites", name: "Ascites"),
                    ],
                    source: "seed 004, Table 1 (minor criterion)"),
                evaluation: .group(.extravascularVolumeOverload, counted: ["peripheralEdema", "pleuralEffusion", "ascites"], uncountedNote: nil)),
            // seed 004, Table 1: Endocrinopathy (adrenal, thyroid‡, pituitary, gonadal, parathyroid, pancreatic‡)
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "endocrinopathy", name: "Endocrinopathy", role: .minor,
                    parts: [
                        PartDefinition(id: "adrenal", name: "Adrenal"),
                        PartDefinition(id: "thyroid", name: "Thyroid", note: "‡ Alone, not sufficient to meet this criterion."),
                        PartDefinition(id: "pituitary", name: "Pituitary"),
                        PartDefinition(id: "gonadal", name: "Gonadal"),
                        PartDefinition(id: "parathyroid", name: "Parathyroid"),
                        PartDefinition(id: "pancreatic", name: "Pancreatic (diabetes mellitus)", note: "‡ Alone, not sufficient to meet this criterion."),
                    ],
                    footnotes: [footnoteDoubleDagger],
                    note: "Met if an adrenal, pituitary, gonadal or parathyroid abnormality is present. A thyroid abnormality and/or diabetes mellitus (pancreatic) alone does not meet the criterion (footnote ‡). A whole-criterion true is taken as reported.",
                    source: "seed 004, Table 1 (minor criterion, footnote ‡)"),
                evaluation: .endocrinopathy(source: "seed 004, Table 1, footnote ‡")),
            // seed 004, Table 1: Skin changes (hyperpigmentation, hypertrichosis, plethora, hemangiomata, white nails)
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "skinChanges", name: "Skin changes", role: .minor,
                    parts: [
                        PartDefinition(id: "hyperpigmentation", name: "Hyperpigmentation"),
                        PartDefinition(id: "hypertrichosis", name: "Hypertrichosis"),
                        PartDefinition(id: "plethora", name: "Plethora"),
                        PartDefinition(id: "hemangiomata", name: "Hemangiomata"),
                        PartDefinition(id: "whiteNails", name: "White nails"),
                    ],
                    note: "Table 1 lists five skin changes. Acrocyanosis and flushing, listed only by the updated criteria, are not counted under the 2003 criteria.",
                    source: "seed 004, Table 1 (minor criterion)"),
                evaluation: .group(
                    .skinChanges,
                    counted: ["hyperpigmentation", "hypertrichosis", "plethora", "hemangiomata", "whiteNails"],
                    uncountedNote: "Table 1 of the 2003 criteria lists only hyperpigmentation, hypertrichosis, plethora, hemangiomata and white nails; acrocyanosis and flushing are listed only by the updated criteria (seed 004, Table 1; REFERENCES.md).")),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "papilledema", name: "Papilledema", role: .minor,
                    source: "seed 004, Table 1 (minor criterion)"),
                evaluation: .finding(.papilledema)),
        ],
        associatedFeatures: [
            // seed 004, Table 1, known associations
            AssociatedFeatureDefinition(id: "clubbing", name: "Clubbing", kind: .known, source: source),
            AssociatedFeatureDefinition(id: "weightLoss", name: "Weight loss", kind: .known, source: source),
            AssociatedFeatureDefinition(id: "thrombocytosis", name: "Thrombocytosis", kind: .known, source: source),
            AssociatedFeatureDefinition(id: "polycythemia", name: "Polycythemia", kind: .known, source: source),
            AssociatedFeatureDefinition(id: "hyperhidrosis", name: "Hyperhidrosis", kind: .known, source: source),
            // seed 004, Table 1, possible associations
            AssociatedFeatureDefinition(id: "pulmonaryHypertension", name: "Pulmonary hypertension", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "restrictiveLungDisease", name: "Restrictive lung disease", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "thromboticDiathesis", name: "Thrombotic diatheses", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "arthralgias", name: "Arthralgias", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "cardiomyopathy", name: "Cardiomyopathy (systolic dysfunction)", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "fever", name: "Fever", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "lowVitaminB12", name: "Low vitamin B12 values", kind: .possible, source: source),
            AssociatedFeatureDefinition(id: "diarrhea", name: "Diarrhea", kind: .possible, source: source),
        ],
        footnotes: [footnoteStar, footnoteDagger, footnoteDoubleDagger],
        notes: [
            // seed 004, Definition/diagnostic criteria
            "The text of the review states that, at a minimum, a patient must have the peripheral neuropathy, a monoclonal plasma cell disorder, a sclerotic bone lesion or Castleman disease, and at least one of the other features without other attributable cause (seed 004, Definition/diagnostic criteria). The engine applies Table 1's rule and warns (no-sclerotic-lesion-or-castleman) when the rule is met without either. Whether a feature has another attributable cause is for the clinician to judge.",
        ])
}
