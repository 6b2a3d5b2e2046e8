/// The updated criteria (IMWG 2014), as recorded in REFERENCES.md.
///
/// Both mandatory major criteria, at least one other major criterion, and at
/// least one minor criterion.
enum IMWG2014 {
    static let source = "REFERENCES.md, updated criteria (IMWG 2014)"

    static let spec = CriteriaSetSpec(
        id: .imwg2014,
        version: "2014",
        title: "Updated POEMS syndrome diagnostic criteria (IMWG 2014)",
        // REFERENCES.md, criteria set 2
        citations: [
            "Rajkumar SV, et al. Lancet Oncol. 2014;15:e538–e548.",
            "Dispenzieri A. POEMS syndrome: update on diagnosis, risk-stratification, and management. Am J Hematol (2019 and 2023 editions), doi:10.1002/ajh.27081.",
            "Dispenzieri A. How I treat POEMS syndrome. Blood. 2012, Table 1.",
        ],
        // REFERENCES.md, updated criteria
        rule: "Both mandatory major criteria (polyradiculoneuropathy and a monoclonal plasma cell-proliferative disorder), at least 1 of the other major criteria (Castleman disease, sclerotic bone lesions, VEGF elevation), and at least 1 minor criterion.",
        requirements: [
            // REFERENCES.md, updated criteria: mandatory major (both)
            Requirement(role: .major, minimum: 2, criteria: ["polyneuropathy", "monoclonalPlasmaCellDisorder"]),
            // REFERENCES.md, updated criteria: other major (at least one)
            Requirement(role: .otherMajor, minimum: 1, criteria: ["castlemanDisease", "scleroticBoneLesions", "vegfElevated"]),
            // REFERENCES.md, updated criteria: minor (at least one)
            Requirement(role: .minor, minimum: 1, criteria: [
                "organomegaly", "extravascularVolumeOverload", "endocrinopathy", "skinChanges",
                "papilledema", "thrombocytosisOrPolycythemia",
            ]),
        ],
        criteria: [
            // REFERENCES.md, updated criteria: mandatory major criteria
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "polyneuropathy", name: "Polyneuropathy (polyradiculoneuropathy, typically demyelinating)",
                    role: .major, source: source + ": mandatory major criterion"),
                evaluation: .finding(.polyneuropathy)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "monoclonalPlasmaCellDisorder",
                    name: "Monoclonal plasma cell-proliferative disorder (almost always lambda)",
                    role: .major, source: source + ": mandatory major criterion"),
                evaluation: .finding(.monoclonalPlasmaCellDisorder)),
            // REFERENCES.md, updated criteria: other major criteria
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "castlemanDisease", name: "Castleman disease", role: .otherMajor,
                    source: source + ": other major criterion"),
                evaluation: .finding(.castlemanDisease)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "scleroticBoneLesions", name: "Sclerotic bone lesions", role: .otherMajor,
                    source: source + ": other major criterion"),
                evaluation: .finding(.scleroticBoneLesions)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "vegfElevated", name: "VEGF elevation", role: .otherMajor,
                    note: LabDerivations.vegfDerivationNote,
                    source: source + ": other major criterion"),
                evaluation: .finding(.vegfElevated)),
            // REFERENCES.md, updated criteria: minor criteria
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "organomegaly", name: "Organomegaly", role: .minor,
                    note: "The updated criteria as recorded list no parts; the engine counts splenomegaly, hepatomegaly and lymphadenopathy, the parts of Table 1 of the 2003 criteria (seed 004).",
                    source: source + ": minor criterion"),
                evaluation: .group(.organomegaly, counted: ["splenomegaly", "hepatomegaly", "lymphadenopathy"], uncountedNote: nil)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "extravascularVolumeOverload",
                    name: "Extravascular volume overload (edema, pleural effusion, or ascites)", role: .minor,
                    parts: [
                        PartDefinition(id: "peripheralEdema", name: "Edema"),
                        PartDefinition(id: "pleuralEffusion", name: "Pleural effusion"),
                        PartDefinition(id: "ascites", name: "Ascites"),
                    ],
                    source: source + ": minor criterion"),
                evaluation: .group(.extravascularVolumeOverload, counted: ["peripheralEdema", "pleuralEffusion", "ascites"], uncountedNote: nil)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "endocrinopathy", name: "Endocrinopathy", role: .minor,
                    parts: [
                        PartDefinition(id: "adrenal", name: "Adrenal"),
                        PartDefinition(id: "thyroid", name: "Thyroid", note: "Alone, not sufficient."),
                        PartDefinition(id: "pituitary", name: "Pituitary"),
                        PartDefinition(id: "gonadal", name: "Gonadal"),
                        PartDefinition(id: "parathyroid", name: "Parathyroid"),
                        PartDefinition(id: "pancreatic", name: "Pancreatic (diabetes mellitus)", note: "Alone, not sufficient."),
                    ],
                    // REFERENCES.md, updated criteria: diabetes mellitus or thyroid abnormality alone is not sufficient
                    note: "Diabetes mellitus or thyroid abnormality alone is not sufficient. Met if an adrenal, pituitary, gonadal or parathyroid abnormality is present. A whole-criterion true is taken as reported.",
                    source: source + ": minor criterion"),
                evaluation: .endocrinopathy(source: "REFERENCES.md, updated criteria")),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "skinChanges", name: "Skin changes", role: .minor,
                    // REFERENCES.md, updated criteria: the seven skin parts
                    parts: [
                        PartDefinition(id: "hyperpigmentation", name: "Hyperpigmentation"),
                        PartDefinition(id: "hypertrichosis", name: "Hypertrichosis"),
                        PartDefinition(id: "hemangiomata", name: "Glomeruloid hemangiomata"),
                        PartDefinition(id: "plethora", name: "Plethora"),
                        PartDefinition(id: "acrocyanosis", name: "Acrocyanosis"),
                        PartDefinition(id: "flushing", name: "Flushing"),
                        PartDefinition(id: "whiteNails", name: "White nails"),
                    ],
                    source: source + ": minor criterion"),
                evaluation: .group(
                    .skinChanges,
                    counted: ["hyperpigmentation", "hypertrichosis", "hemangiomata", "plethora", "acrocyanosis", "flushing", "whiteNails"],
                    uncountedNote: nil)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "papilledema", name: "Papilledema", role: .minor,
                    source: source + ": minor criterion"),
                evaluation: .finding(.papilledema)),
            CriterionSpec(
                definition: CriterionDefinition(
                    id: "thrombocytosisOrPolycythemia", name: "Thrombocytosis/polycythemia", role: .minor,
                    parts: [
                        PartDefinition(id: "thrombocytosis", name: "Thrombocytosis",
                                       note: "When not given, derived from the platelet count: above 450 × 10^9/L by default, the conventional upper limit (REFERENCES.md; configurable)."),
                        PartDefinition(id: "polycythemia", name: "Polycythemia",
                                       note: "When not given, derived from hemoglobin: above 15 g/dL in females, above 17 g/dL in males (seed 004, Table 2)."),
                    ],
                    note: "One criterion, met if either thrombocytosis or polycythemia is present. Its parts are the findings thrombocytosis and polycythemia.",
                    source: source + ": minor criterion"),
                evaluation: .anyOf([.thrombocytosis, .polycythemia])),
        ],
        associatedFeatures: [
            // REFERENCES.md, updated criteria: other signs
            AssociatedFeatureDefinition(id: "clubbing", name: "Clubbing", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "weightLoss", name: "Weight loss", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "hyperhidrosis", name: "Hyperhidrosis", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "pulmonaryHypertension", name: "Pulmonary hypertension", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "restrictiveLungDisease", name: "Restrictive lung disease", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "thromboticDiathesis", name: "Thrombotic diatheses", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "diarrhea", name: "Diarrhea", kind: .otherSign, source: source),
            AssociatedFeatureDefinition(id: "lowVitaminB12", name: "Low vitamin B12", kind: .otherSign, source: source),
        ],
        footnotes: [],
        notes: [
            // REFERENCES.md, updated criteria
            "A Castleman disease variant of POEMS syndrome exists without a clonal plasma cell disorder and is considered separately (REFERENCES.md, updated criteria).",
            "Anemia or thrombocytopenia is distinctively unusual unless Castleman disease is present (REFERENCES.md, updated criteria).",
        ])
}
