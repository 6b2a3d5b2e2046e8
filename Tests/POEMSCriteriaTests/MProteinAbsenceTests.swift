import Testing
@testable import POEMSCriteria

/// Issue 21: a monoclonal plasma cell disorder reported absent counts as
/// absent only on a complete work-up (REFERENCES.md, When the M-protein
/// counts as absent; seed 004, Monoclonal plasmaproliferative disorder).
@Suite("M-protein absence established or not")
struct MProteinAbsenceTests {
    static let allThree = #""serumElectrophoresis": true, "serumImmunofixation": true, "urineImmunofixation": true, "serumFreeLightChains": true"#
    /// The issue's florid case: sclerotic lesion, papilledema, skin changes,
    /// plasma VEGF 780, the protein "absent" after electrophoresis and serum
    /// immunofixation only.
    static let florid = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumElectrophoresis": true, "serumImmunofixation": true}, "scleroticBoneLesions": true, "papilledema": true, "skinChanges": {"hyperpigmentation": true}}, "labs": {"plasmaVegfPgPerMl": 780}}"#

    @Test func incompleteWorkupMakesTheCriterionUnknown() throws {
        let report = try evaluate(Self.florid)
        for set in CriteriaSetID.allCases {
            #expect(report.verdict(set) == .indeterminate, "\(set)")
            #expect(report.status(set, "monoclonalPlasmaCellDisorder") == .unknown)
            #expect(report.undetermined(set).contains("monoclonalPlasmaCellDisorder"))
        }
        let basis = report.basis(.imwg2014, "monoclonalPlasmaCellDisorder")
        #expect(basis.contains("urine immunofixation, serum free light chains and a biopsy of the sclerotic bone lesion are not reported done"))
        // Never "do not meet" anywhere a clinician reads.
        #expect(!report.summary.contains("do not meet"))
        #expect(report.summary.contains("do not yet decide"))
        let cidp = try #require(report.differential.first { $0.condition == .cidp })
        #expect(!cidp.reasons.joined().contains("are not met"))
        #expect(cidp.reasons.contains { $0.contains("absence is not established") })
        let warning = try #require(report.warnings.first { $0.code == .mProteinPossiblyMissed })
        #expect(warning.severity == .critical)
        #expect(warning.message.contains("treated as unknown"))
    }

    @Test func incompleteWorkupPutsTheMissingTestsFirstAndTheBiopsyForEverySet() throws {
        let report = try evaluate(Self.florid)
        let first = try #require(report.suggestedWorkup.first)
        #expect(first.criterion == "monoclonalPlasmaCellDisorder")
        #expect(first.name == "the missing M-protein tests (urine immunofixation and serum free light chains)")
        #expect(first.criteriaSets == [.imwg2014, .dispenzieri2003, .suichi2019])
        #expect(report.summary.contains("Next: the missing M-protein tests"))
        let biopsy = try #require(report.suggestedWorkup.first { $0.id == "lesion-biopsy" })
        #expect(biopsy.criteriaSets == [.imwg2014, .dispenzieri2003, .suichi2019])
        #expect(biopsy.stage == .invasive)
    }

    /// A set the protein cannot change is not listed: with VEGF not elevated,
    /// Suichi 2019 is not met whatever the protein.
    @Test func workupItemsListOnlyTheSetsTheyCanChange() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {"serumElectrophoresis": true}, "scleroticBoneLesions": true, "papilledema": true, "vegfElevated": false}"#)
        #expect(report.verdict(.suichi2019) == .doesNotMeet)
        #expect(report.verdict(.imwg2014) == .indeterminate)
        let item = try #require(report.suggestedWorkup.first { $0.criterion == "monoclonalPlasmaCellDisorder" })
        #expect(item.criteriaSets == [.imwg2014, .dispenzieri2003])
        let biopsy = try #require(report.suggestedWorkup.first { $0.id == "lesion-biopsy" })
        #expect(biopsy.criteriaSets == [.imwg2014, .dispenzieri2003])
    }

    @Test func bloodAndUrineNegativeButTheLesionUnbiopsied() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {\#(Self.allThree)}, "scleroticBoneLesions": true, "papilledema": true}"#)
        for set in CriteriaSetID.allCases { #expect(report.status(set, "monoclonalPlasmaCellDisorder") == .unknown) }
        #expect(report.verdict(.dispenzieri2003) == .indeterminate)
        #expect(report.verdict(.imwg2014) == .indeterminate)
        let warning = try #require(report.warnings.first { $0.code == .mProteinPossiblyMissed })
        #expect(warning.message.contains("a biopsy of the sclerotic bone lesion is not reported done"))
        // The criterion's own item is the biopsy, for the sets it can change; no second biopsy item.
        let item = try #require(report.suggestedWorkup.first { $0.criterion == "monoclonalPlasmaCellDisorder" })
        #expect(item.name == "biopsy of the sclerotic bone lesion")
        #expect(item.stage == .invasive)
        #expect(!report.suggestedWorkup.contains { $0.id == "lesion-biopsy" })
    }

    @Test func completeWorkupEstablishesAbsence() throws {
        let complete = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {\#(Self.allThree), "lesionBiopsy": true}, "scleroticBoneLesions": true, "papilledema": true}"#)
        for set in CriteriaSetID.allCases {
            #expect(complete.verdict(set) == .doesNotMeet)
            #expect(complete.status(set, "monoclonalPlasmaCellDisorder") == .notMet)
        }
        #expect(complete.basis(.imwg2014, "monoclonalPlasmaCellDisorder").contains("the absence is established"))
        #expect(!complete.warningCodes.contains(.mProteinPossiblyMissed))
        // Without a lesion the three blood and urine tests suffice.
        let noLesion = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "mProteinTests": {\#(Self.allThree)}}"#)
        #expect(noLesion.verdict(.imwg2014) == .doesNotMeet)
        #expect(noLesion.warnings.isEmpty)
    }

    @Test func withoutTheTestsTheAssertionStandsWithTheWarning() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "scleroticBoneLesions": true}"#)
        #expect(report.verdict(.imwg2014) == .doesNotMeet)
        #expect(report.status(.imwg2014, "monoclonalPlasmaCellDisorder") == .notMet)
        let warning = try #require(report.warnings.first { $0.code == .mProteinPossiblyMissed })
        #expect(warning.message.contains("taken as reported"))
        #expect(warning.message.contains("a lesion biopsy can change the verdict of every criteria set"))
        #expect(!warning.message.contains("mProteinTests"))
        #expect(report.suggestedWorkup.first?.criterion == "monoclonalPlasmaCellDisorder")
    }
}
