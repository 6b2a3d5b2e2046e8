/// The rules that open the alternative diagnoses of ``DifferentialEntry``.
/// Every sentence carries its source.
enum DifferentialRules {
    /// The entries, strongest first (see ``Strength``), then in catalog order.
    static func entries(_ context: EvaluationContext) -> [DifferentialEntry] {
        let raised: [(DifferentialEntry, Strength)?] = [
            cidp(context).map { ($0, Strength.notExcluded) }, multipleMyeloma(context), alAmyloidosis(context),
            igmNeuropathy(context).map { ($0, Strength.pointsTo) }, castlemanVariant(context).map { ($0, Strength.pointsTo) },
        ]
        return raised.compactMap { $0 }.enumerated()
            .sorted { a, b in a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset }
            .map(\.element.0)
    }

    /// How strongly the findings point to an entry; the differential is
    /// ordered by it, strongest first (issue 21). The tiers follow the
    /// definitions in REFERENCES.md:
    ///
    /// - `definitionMet`: the entry's own definition is met as far as the
    ///   inputs go: multiple myeloma with both parts of IMWG 2014 (the
    ///   requirement and a myeloma-defining event); AL amyloidosis with
    ///   amyloid on a biopsy (tissue proof).
    /// - `pointsTo`: a finding specific to the entry, one part missing: a
    ///   myeloma-defining event with the marrow not examined; AL after a
    ///   negative screening biopsy with a picture that fits (REFERENCES.md:
    ///   a screening biopsy misses a quarter of AL patients); an IgM protein
    ///   (REFERENCES.md, Chaudhry 2017); Castleman disease without a clonal
    ///   plasma cell disorder (REFERENCES.md, updated criteria).
    /// - `notExcluded`: raised because POEMS is not shown and the entry is not
    ///   excluded, with no finding specific to it: CIDP (seeds 004, 003, 000:
    ///   the usual misdiagnosis, named when POEMS is not recognized) and AL
    ///   amyloidosis not looked for.
    enum Strength: Int, Comparable, Sendable {
        case notExcluded = 1, pointsTo, definitionMet

        static func < (a: Strength, b: Strength) -> Bool { a.rawValue < b.rawValue }
    }

    // seed 004, Monoclonal plasmaproliferative disorder; seed 003 (paraprotein testing); seed 000 (X-rays and CT)
    static let poemsWorkup = "Complete the POEMS work-up before accepting another diagnosis: serum and urine immunofixation with the serum free light chain assay (seed 004: electrophoresis alone misses the protein in nearly one third of patients), plasma VEGF (REFERENCES.md: above 200 pg/mL is 95% specific), and skeletal imaging by X-rays and CT (seed 000)."

    /// seed 004, Abstract; seed 003; seed 000; seed 002, Differential Diagnoses.
    static func cidp(_ context: EvaluationContext) -> DifferentialEntry? {
        let imwg = context.evaluation(.imwg2014).verdict
        guard context.status(.polyneuropathy) == .met, imwg != .meets else { return nil }
        let notMet = imwg == .doesNotMeet ? "are not met" : "are not shown to be met"
        var reasons = ["Polyneuropathy is reported present and the IMWG 2014 criteria \(notMet) (verdict: \(imwg.rawValue))."]
        switch context.status(.monoclonalPlasmaCellDisorder) {
        case .notMet: reasons.append("No monoclonal plasma cell disorder is reported.")
        case .unknown:
            if let missing = context.resolver.mProteinAbsenceGaps {
                // REFERENCES.md, When the M-protein counts as absent
                reasons.append("A monoclonal plasma cell disorder is reported absent, but its absence is not established: \(WarningRules.list(missing)) \(missing.count > 1 ? "are" : "is") not reported done, so POEMS syndrome is not excluded (REFERENCES.md, When the M-protein counts as absent).")
            } else {
                reasons.append("A monoclonal plasma cell disorder has not been assessed.")
            }
        case .met: reasons.append("A monoclonal plasma cell disorder is reported, but not the other features the IMWG 2014 criteria require.")
        }
        // seed 004, Abstract (verbatim in substance); seed 000
        reasons.append("POEMS syndrome is frequently confused with CIDP, and therapies effective in CIDP (intravenous gammaglobulin, plasmapheresis, azathioprine) are not effective in POEMS (seed 004, Abstract); patients with a diagnosis of CIDP should be tested for POEMS syndrome (seed 000).")
        return DifferentialEntry(
            condition: .cidp,
            reasons: reasons,
            toExclude: [
                poemsWorkup,
                // seed 003
                "Electromyography and nerve conduction studies characterize the neuropathy (seed 003). Seed 003: axonal degeneration, neuropathic pain and lower-limb atrophy are more prominent in POEMS than in CIDP, while cranial nerve involvement and dysautonomia are far less common in POEMS.",
            ],
            sources: ["seed 004, Abstract", "seed 003", "seed 000", "seed 002, Differential Diagnoses"])
    }

    /// The myeloma staging tests (REFERENCES.md, IMWG 2014: the requirement
    /// and the myeloma-defining events are read from these).
    static let myelomaStaging = "Myeloma staging: bone marrow biopsy for the percentage of clonal plasma cells (10% or more is the requirement of IMWG 2014, 60% or more a myeloma-defining event on its own); skeletal survey or low-dose whole-body CT (IMWG 2014: osteolytic lesions on skeletal radiography, CT or PET-CT); serum calcium and creatinine (above 11 mg/dL and above 2 mg/dL, or a creatinine clearance below 40 mL/min); hemoglobin (below 10 g/dL); serum free light chains (an involved/uninvolved ratio of 100 or more with the involved chain at 100 mg/L or more). Seed 004: mixed sclerotic and lytic lesions are common in POEMS, and a small sclerotic rim around a large lytic lesion is easily overlooked."

    /// REFERENCES.md, multiple myeloma (IMWG 2014); seed 004, Definition and Thrombocytosis.
    ///
    /// Opens on the requirement (marrow clonal plasma cells 10% or more) with
    /// a myeloma-defining event, or on a myeloma-defining event with a
    /// monoclonal plasma cell disorder while the marrow is not known.
    static func multipleMyeloma(_ context: EvaluationContext) -> (DifferentialEntry, Strength)? {
        let myeloma = context.myeloma
        guard !myeloma.events.isEmpty else { return nil }
        let strength: Strength
        var reasons = ["Myeloma-defining event\(myeloma.events.count > 1 ? "s" : "") of IMWG 2014: " + myeloma.events.joined(separator: "; ") + "."]
        switch myeloma.requirementMet {
        case true?:
            strength = .definitionMet
            reasons.append(myeloma.requirementText + " Both parts of the IMWG 2014 definition are present.")
        case nil where context.status(.monoclonalPlasmaCellDisorder) == .met:
            strength = .pointsTo
            reasons.append("A monoclonal plasma cell disorder is reported. " + myeloma.requirementText + " That part of the IMWG 2014 definition is missing; a bone marrow biopsy decides it.")
        default:
            return nil
        }
        // seed 004, Definition/diagnostic criteria; seed 004, Thrombocytosis
        reasons.append("Seed 004: POEMS patients usually have only 5% bone marrow plasma cells or less and rarely have hypercalcemia or renal insufficiency; in contrast to classic multiple myeloma, anemia is not a feature. The two are not exclusive: staging decides.")
        let entry = DifferentialEntry(
            condition: .multipleMyeloma,
            reasons: reasons,
            toExclude: [myelomaStaging],
            sources: [MyelomaDefinition.source, "seed 004, Definition/diagnostic criteria", "seed 004, Thrombocytosis", "seed 002, Differential Diagnoses"])
        return (entry, strength)
    }

    /// REFERENCES.md, heavy chain (Dispenzieri, Am J Hematol update; Chaudhry et al., Mayo Clin Proc 2017).
    static func igmNeuropathy(_ context: EvaluationContext) -> DifferentialEntry? {
        guard context.findings.monoclonalHeavyChain == .igM else { return nil }
        var reasons = ["The monoclonal protein is IgM; in POEMS syndrome it is IgG or IgA, almost always lambda (REFERENCES.md: Dispenzieri, Am J Hematol update)."]
        if context.status(.polyneuropathy) == .met {
            reasons.append("An IgM monoclonal protein with neuropathy points to IgM-MGUS neuropathy, with anti-MAG antibodies in about half, or to Waldenström macroglobulinemia (REFERENCES.md: Chaudhry, Mauermann, Rajkumar, Mayo Clin Proc 2017).")
        }
        return DifferentialEntry(
            condition: .igmNeuropathy,
            reasons: reasons,
            toExclude: [
                "Anti-MAG antibodies, present in about half of IgM-MGUS neuropathies (REFERENCES.md: Chaudhry et al., Mayo Clin Proc 2017).",
                "Evaluation for Waldenström macroglobulinemia (REFERENCES.md: Chaudhry et al., Mayo Clin Proc 2017).",
            ],
            sources: [
                "REFERENCES.md, heavy chain (Dispenzieri, Am J Hematol update; Chaudhry HM, Mauermann ML, Rajkumar SV, Mayo Clin Proc 2017;92:838–850)",
                "seed 004, Monoclonal plasmaproliferative disorder",
            ])
    }

    /// REFERENCES.md, updated criteria; seed 002, Differential Diagnoses.
    static func castlemanVariant(_ context: EvaluationContext) -> DifferentialEntry? {
        guard context.status(.castlemanDisease) == .met, context.status(.monoclonalPlasmaCellDisorder) == .notMet else { return nil }
        return DifferentialEntry(
            condition: .castlemanDiseaseVariant,
            reasons: [
                "Castleman disease is reported present and a monoclonal plasma cell disorder absent.",
                "A Castleman disease variant of POEMS syndrome exists without a clonal plasma cell disorder and is considered separately; the criteria sets evaluated here do not cover it (REFERENCES.md, updated criteria).",
            ],
            toExclude: ["Serum and urine immunofixation with the serum free light chain assay, to confirm that no clonal plasma cell disorder is present (seed 004: electrophoresis alone misses the protein in nearly one third of patients)."],
            sources: ["REFERENCES.md, updated criteria (IMWG 2014; Dispenzieri, Am J Hematol)", "seed 002, Differential Diagnoses", "seed 004, Monoclonal plasmaproliferative disorder"])
    }
}
