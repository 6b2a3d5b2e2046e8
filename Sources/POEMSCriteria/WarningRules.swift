/// The rules that raise ``Warning``s. Every rule carries its source.
enum WarningRules {
    static func warnings(_ context: EvaluationContext) -> [Warning] {
        let findings = context.findings
        var warnings: [Warning] = []

        // seed 004, Table 1, footnote ‡; REFERENCES.md, updated criteria
        if case .parts(let parts)? = findings.endocrinopathy,
           parts.thyroid == true || parts.pancreatic == true,
           !FindingResolver.qualifyingEndocrineParts.contains(where: { parts.value(of: $0) == true })
        {
            let items = [parts.thyroid == true ? "a thyroid abnormality" : nil,
                         parts.pancreatic == true ? "diabetes mellitus (pancreatic)" : nil].compactMap { $0 }
            let reported = items.joined(separator: " and ") + (items.count > 1 ? " are" : " is")
            warnings.append(Warning(
                code: .endocrinopathyDiabetesThyroidOnly,
                message: "Under endocrinopathy, only \(reported) reported present. Because of the high prevalence of diabetes mellitus and thyroid abnormalities, this alone is not sufficient to meet the endocrinopathy criterion.",
                source: "seed 004, Table 1, footnote ‡; REFERENCES.md, updated criteria"))
        }

        // seed 004, Etiology (lambda in greater than 95% of cases) and Monoclonal plasmaproliferative disorder (all 99 patients lambda)
        if findings.monoclonalLightChain == .kappa {
            warnings.append(Warning(
                code: .kappaLightChain,
                message: "The monoclonal light chain is reported as kappa. In POEMS syndrome the light chain is lambda in more than 95% of cases, and all 99 patients of the Mayo Clinic series were monoclonal lambda.",
                source: "seed 004, Etiology; seed 004, Monoclonal plasmaproliferative disorder"))
        }

        // REFERENCES.md, updated criteria: Castleman disease variant without a clonal plasma cell disorder
        if findings.castlemanDisease == true, context.status(.monoclonalPlasmaCellDisorder) == .notMet {
            warnings.append(Warning(
                code: .castlemanVariant,
                message: "Castleman disease is reported present and a monoclonal plasma cell disorder absent. A Castleman disease variant of POEMS syndrome without a clonal plasma cell disorder exists and is considered separately; the criteria sets evaluated here do not cover it.",
                source: "REFERENCES.md, updated criteria (IMWG 2014; Dispenzieri, Am J Hematol)"))
        }

        // seed 004, Table 1, footnote †; seed 004, Definition/diagnostic criteria
        let dispenzieri = context.evaluation(.dispenzieri2003)
        if dispenzieri.verdict == .meets,
           dispenzieri.criterion("scleroticBoneLesions")?.status != .met,
           dispenzieri.criterion("castlemanDisease")?.status != .met
        {
            warnings.append(Warning(
                code: .noScleroticLesionOrCastleman,
                message: "The 2003 criteria are met, but neither sclerotic bone lesions nor Castleman disease is reported present. Table 1, footnote †: an osteosclerotic lesion or Castleman disease is almost always present; the review's definition requires one of them at a minimum.",
                source: "seed 004, Table 1, footnote †; seed 004, Definition/diagnostic criteria"))
        }
        if let warning = SeedMinimum.warning(context) { warnings.append(warning) }

        // seed 004, Abstract; seed 003; seed 000: frequently confused with CIDP
        if findings.polyneuropathy == true, findings.monoclonalPlasmaCellDisorder == nil {
            warnings.append(Warning(
                code: .cidpMimic,
                message: "Polyneuropathy is reported but a monoclonal plasma cell disorder has not been assessed. POEMS syndrome is frequently confused with chronic inflammatory demyelinating polyneuropathy (CIDP), whose effective therapies are not effective in POEMS; patients with a diagnosis of CIDP should be tested for POEMS syndrome.",
                source: "seed 004, Abstract; seed 003; seed 000"))
        }

        if let warning = mProteinPossiblyMissed(context) { warnings.append(warning) }

        // Issue 9: a contradiction is never silently resolved; the criterion is unknown.
        for id in [FindingID.vegfElevated, .polycythemia, .thrombocytosis] {
            guard let given = id.given(in: findings), let lab = context.labs.results[id], lab.status != .unknown,
                  lab.status != CriterionStatus(given) else { continue }
            warnings.append(Warning(
                code: .findingContradictsLab,
                message: "\(FindingResolver.displayName(id)) is reported \(given ? "present" : "absent"), but \(lab.summary.lowercasedFirst). The criterion is treated as unknown until the contradiction is resolved.",
                source: lab.sources.joined(separator: "; ")))
        }

        if let warning = myelomaDefiningEvent(context) { warnings.append(warning) }
        warnings += hematologyAndVegf(context)
        return warnings
    }

    /// REFERENCES.md, multiple myeloma (IMWG 2014): a myeloma-defining event
    /// with a plasma cell disorder not established absent, whatever the POEMS
    /// verdicts (the two are not exclusive; staging decides).
    static func myelomaDefiningEvent(_ context: EvaluationContext) -> Warning? {
        let myeloma = context.myeloma
        guard !myeloma.events.isEmpty, context.status(.monoclonalPlasmaCellDisorder) != .notMet else { return nil }
        let met = context.evaluations.filter { $0.verdict == .meets }.map(\.criteriaSet.shortName)
        let poems = met.isEmpty ? "" : " The \(list(met)) POEMS criteria are met as well: the two are not exclusive, and staging decides."
        return Warning(
            code: .myelomaDefiningEvent,
            message: "Myeloma-defining event\(myeloma.events.count > 1 ? "s" : "") of IMWG 2014: \(myeloma.events.joined(separator: "; ")). \(myeloma.requirementText)\(poems) Stage for multiple myeloma first: bone marrow biopsy, skeletal survey or low-dose whole-body CT, serum calcium and creatinine, and serum free light chains. Seed 004: POEMS patients usually have only 5% bone marrow plasma cells or less and rarely have hypercalcemia or renal insufficiency.",
            source: MyelomaDefinition.source + "; seed 004, Definition/diagnostic criteria")
    }

    /// The plasma cell disorder reported absent on a work-up that does not
    /// establish absence (REFERENCES.md, When the M-protein counts as absent;
    /// seed 004, Monoclonal plasmaproliferative disorder): without the tests,
    /// taken as reported; with them, the criterion is unknown.
    static func mProteinPossiblyMissed(_ context: EvaluationContext) -> Warning? {
        let findings = context.findings
        guard findings.monoclonalPlasmaCellDisorder == false else { return nil }
        let lesion = context.resolver.scleroticLesionPresent
        let missing = (findings.mProteinTests ?? MProteinTests()).missingForAbsence(lesionPresent: lesion)
        guard !missing.isEmpty else { return nil }
        let consequence = findings.mProteinTests == nil
            ? "The finding is taken as reported, because which tests looked for the protein is not reported; verdicts that rest on this absence may be wrong."
            : "Its absence is not established, so the criterion is treated as unknown and no verdict rests on it."
        var message = "A monoclonal plasma cell disorder is reported absent, but \(list(missing)) \(missing.count > 1 ? "are" : "is") not reported done. \(consequence) Seed 004: the monoclonal protein is not large and will be missed on serum protein electrophoresis in nearly one third of patients if immunofixation is not also done; the serum free light chain assay and immunofixation of the urine discover more; fewer than 10% of patients have no circulating monoclonal protein but biopsy proof of a plasmacytoma."
        if lesion, findings.mProteinTests?.lesionBiopsy != true {
            message += " A sclerotic bone lesion is reported: clonal plasma cells are detected on biopsy of sclerotic lesions (seed 004), and a lesion biopsy can change the verdict of every criteria set."
        }
        return Warning(code: .mProteinPossiblyMissed, message: message,
                       source: "seed 004, Monoclonal plasmaproliferative disorder; REFERENCES.md, When the M-protein counts as absent")
    }

    /// Anemia or thrombocytopenia, and the VEGF assay warnings.
    private static func hematologyAndVegf(_ context: EvaluationContext) -> [Warning] {
        var warnings: [Warning] = []
        let findings = context.findings
        let labs = context.labs

        // REFERENCES.md (Dispenzieri, Am J Hematol update); seed 004, Thrombocytosis: anemia is not a feature
        let low = [LabFlag.anemia, .thrombocytopenia].compactMap { labs.flags[$0] }.filter { $0.status == .met }
        if !low.isEmpty, findings.castlemanDisease != true {
            warnings.append(Warning(
                code: .anemiaOrThrombocytopenia,
                message: low.map(\.summary).joined(separator: "; ") + ". Anemia or thrombocytopenia is distinctively unusual in POEMS syndrome unless Castleman disease is present (Dispenzieri, Am J Hematol update); seed 004: in contrast to classic multiple myeloma, anemia is not a feature.",
                source: "REFERENCES.md, telling POEMS from its mimics (Dispenzieri, Am J Hematol update); seed 004, Thrombocytosis; " + low.flatMap(\.sources).joined(separator: "; ")))
        }

        // REFERENCES.md: serum VEGF runs higher than plasma (platelets release VEGF)
        if findings.vegfElevated == nil, labs.vegfDecidedBy == .serum, labs.results[.vegfElevated]?.status == .met,
           context.status(.thrombocytosis) == .met
        {
            warnings.append(Warning(
                code: .serumVegfWithThrombocytosis,
                message: "VEGF elevation is decided by a serum value (\(labs.results[.vegfElevated]!.summary.lowercasedFirst)) while thrombocytosis is present. Platelets release VEGF, so serum VEGF runs higher than plasma VEGF; a plasma VEGF level avoids this (plasma VEGF above 200 pg/mL is 95% specific).",
                source: "REFERENCES.md, laboratory thresholds (serum VEGF runs higher than plasma; Dispenzieri, Blood 2012, Table 1 footnote)"))
        }

        // REFERENCES.md: plasma above 200 pg/mL is 95% specific; plasma decides
        if labs.vegfAssaysDiscordant, let result = labs.results[.vegfElevated] {
            warnings.append(Warning(
                code: .vegfAssaysDiscordant,
                message: "Serum and plasma VEGF disagree: \(result.summary.lowercasedFirst). Plasma VEGF decides: above 200 pg/mL it is 95% specific and 68% sensitive for POEMS syndrome, and serum VEGF runs higher than plasma because platelets release VEGF.",
                source: "REFERENCES.md, laboratory thresholds (Dispenzieri, Blood 2012, Table 1 footnote; Misawa et al., BMJ Open 2015;5:e009157)"))
        }

        // REFERENCES.md: plasma VEGF above 200 pg/mL is 95% specific; a laboratory's own limit wins
        if let plasma = context.input.labs?.plasmaVegfPgPerMl, let limit = context.input.labs?.vegfUpperLimitPgPerMl,
           plasma > limit, plasma <= LabDerivations.plasmaVegfDefault
        {
            warnings.append(Warning(
                code: .vegfBorderline,
                message: "Plasma VEGF \(formatNumber(plasma)) pg/mL is above the laboratory's upper limit (\(formatNumber(limit)) pg/mL), so it counts as elevated, but it is at or below 200 pg/mL, the cut-off that is 95% specific for POEMS syndrome: elevated by the laboratory's limit, below the 95%-specific cut-off.",
                source: "REFERENCES.md, laboratory thresholds (plasma VEGF above 200 pg/mL: 95% specific, 68% sensitive; Dispenzieri, Blood 2012, Table 1 footnote; a laboratory's own upper limit wins)"))
        }
        return warnings
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
