/// The rules that open the alternative diagnoses of ``DifferentialEntry``.
/// Every sentence carries its source.
enum DifferentialRules {
    static func entries(_ context: EvaluationContext) -> [DifferentialEntry] {
        [cidp(context), multipleMyeloma(context), alAmyloidosis(context), igmNeuropathy(context),
         castlemanVariant(context)].compactMap { $0 }
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
        case .unknown: reasons.append("A monoclonal plasma cell disorder has not been assessed.")
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

    /// REFERENCES.md, myeloma-defining features (IMWG 2014); seed 004, Definition and Thrombocytosis.
    static func multipleMyeloma(_ context: EvaluationContext) -> DifferentialEntry? {
        guard context.status(.monoclonalPlasmaCellDisorder) == .met else { return nil }
        let features = LabFlag.myelomaDefining.compactMap { flag in
            context.labs.flags[flag].flatMap { $0.status == .met ? $0.summary : nil }
        }
        guard !features.isEmpty else { return nil }
        return DifferentialEntry(
            condition: .multipleMyeloma,
            reasons: [
                "A monoclonal plasma cell disorder is reported with myeloma-defining features of IMWG 2014: " + features.joined(separator: "; ") + ".",
                // seed 004, Definition/diagnostic criteria; seed 004, Thrombocytosis
                "Seed 004: POEMS patients usually have only 5% bone marrow plasma cells or less and rarely have hypercalcemia or renal insufficiency; in contrast to classic multiple myeloma, anemia is not a feature.",
            ],
            toExclude: [
                // REFERENCES.md, IMWG 2014
                "Bone marrow biopsy for the percentage of clonal plasma cells: 10% or more is a myeloma-defining feature, 60% or more on its own (IMWG 2014).",
                "Skeletal imaging for osteolytic lesions, a myeloma-defining feature (IMWG 2014); seed 004: mixed sclerotic and lytic lesions are common in POEMS, and a small sclerotic rim around a large lytic lesion is easily overlooked.",
                "Calcium, creatinine (or creatinine clearance) and hemoglobin against the IMWG 2014 thresholds: calcium above 11 mg/dL, creatinine above 2 mg/dL or clearance below 40 mL/min, hemoglobin below 10 g/dL.",
            ],
            sources: [LabFlag.imwgSource, "seed 004, Definition/diagnostic criteria", "seed 004, Thrombocytosis", "seed 002, Differential Diagnoses"])
    }

    /// seed 002, Differential Diagnoses; seed 004, Peripheral neuropathy and Renal failure.
    static func alAmyloidosis(_ context: EvaluationContext) -> DifferentialEntry? {
        // seed 004: nerve biopsies show no immunoglobulin or amyloid deposition; no light chain deposition in the kidney
        let seed004 = "Seed 004: in POEMS, nerve biopsies show no immunoglobulin or amyloid deposition, and light chain deposition is observed in neither the renal tubules nor the glomeruli."
        let sources = ["seed 002, Differential Diagnoses", "seed 004, Peripheral neuropathy", "seed 004, Renal failure"]
        if context.findings.amyloidOnBiopsy == true {
            return DifferentialEntry(
                condition: .alAmyloidosis,
                reasons: ["Amyloid is reported on a tissue biopsy.", seed004],
                toExclude: ["Review of the biopsy with the plasma cell work-up (serum and urine immunofixation, serum free light chains): amyloid deposition is not a feature of POEMS syndrome (seed 004)."],
                sources: sources)
        }
        guard context.findings.amyloidOnBiopsy == nil,
              context.status(.polyneuropathy) == .met,
              context.status(.monoclonalPlasmaCellDisorder) == .met,
              context.evaluation(.imwg2014).verdict != .meets else { return nil }
        return DifferentialEntry(
            condition: .alAmyloidosis,
            reasons: [
                "Polyneuropathy with a monoclonal plasma cell disorder, the IMWG 2014 criteria not met, and no biopsy reported as examined for amyloid.",
                // seed 002, Differential Diagnoses
                "Seed 002: amyloidosis is another condition that can present with peripheral neuropathy and a monoclonal gammopathy.",
            ],
            toExclude: ["A tissue biopsy examined for amyloid (report the result as amyloidOnBiopsy). " + seed004],
            sources: sources)
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
