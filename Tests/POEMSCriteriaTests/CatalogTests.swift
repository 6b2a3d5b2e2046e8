import Foundation
import Testing
@testable import POEMSCriteria

@Suite("Criteria catalog")
struct CatalogTests {
    @Test func catalogHasEverySetInOrder() {
        #expect(CriteriaCatalog.all.map(\.id) == CriteriaSetID.allCases)
        for id in CriteriaSetID.allCases {
            #expect(CriteriaCatalog.definition(id).id == id)
        }
    }

    @Test(arguments: CriteriaSetID.allCases)
    func requirementsReferToCriteriaWithMatchingRoles(set: CriteriaSetID) {
        let definition = CriteriaCatalog.definition(set)
        let inRequirements = definition.requirements.flatMap(\.criteria)
        #expect(inRequirements.sorted() == definition.criteria.map(\.id).sorted())
        for requirement in definition.requirements {
            for id in requirement.criteria {
                #expect(definition.criteria.first { $0.id == id }?.role == requirement.role)
            }
        }
        #expect(definition.criteria.allSatisfy { !$0.source.isEmpty })
    }

    @Test func dispenzieri2003MatchesTable1() {
        let d = CriteriaCatalog.definition(.dispenzieri2003)
        #expect(d.requirements == [
            Requirement(role: .major, minimum: 2, criteria: ["polyneuropathy", "monoclonalPlasmaCellDisorder"]),
            Requirement(role: .minor, minimum: 1, criteria: ["scleroticBoneLesions", "castlemanDisease", "organomegaly",
                                                             "extravascularVolumeOverload", "endocrinopathy", "skinChanges", "papilledema"]),
        ])
        #expect(d.footnotes.map(\.mark) == ["*", "†", "‡"])
        #expect(d.footnotes[0].text == "Two major criteria and at least 1 minor criterion required for diagnosis.")
        #expect(d.footnotes[1].text == "Osteosclerotic lesion or Castleman disease is almost always present.")
        #expect(d.footnotes[2].text == "Because of the high prevalence of diabetes mellitus and thyroid abnormalities, this diagnosis alone is not sufficient to meet this minor criterion.")
        let skin = d.criteria.first { $0.id == "skinChanges" }
        #expect(skin?.parts.map(\.id) == ["hyperpigmentation", "hypertrichosis", "plethora", "hemangiomata", "whiteNails"])
        #expect(d.criteria.first { $0.id == "extravascularVolumeOverload" }?.name == "Edema (edema, pleural effusion, or ascites)")
        #expect(d.criteria.first { $0.id == "scleroticBoneLesions" }?.footnotes.map(\.mark) == ["†"])
        #expect(d.criteria.first { $0.id == "castlemanDisease" }?.footnotes.map(\.mark) == ["†"])
        #expect(d.criteria.first { $0.id == "endocrinopathy" }?.footnotes.map(\.mark) == ["‡"])
        #expect(d.associatedFeatures.filter { $0.kind == .known }.map(\.id) == ["clubbing", "weightLoss", "thrombocytosis", "polycythemia", "hyperhidrosis"])
        #expect(d.associatedFeatures.filter { $0.kind == .possible }.count == 8)
    }

    @Test func imwg2014Parts() {
        let d = CriteriaCatalog.definition(.imwg2014)
        #expect(d.criteria.first { $0.id == "skinChanges" }?.parts.count == 7)
        #expect(d.criteria.first { $0.id == "thrombocytosisOrPolycythemia" }?.parts.map(\.id) == ["thrombocytosis", "polycythemia"])
        #expect(d.criteria.filter { $0.role == .otherMajor }.map(\.id) == ["castlemanDisease", "scleroticBoneLesions", "vegfElevated"])
        #expect(d.associatedFeatures.allSatisfy { $0.kind == .otherSign })
    }

    @Test func suichi2019SkinNoteSaysAnyPartCounts() {
        let skin = CriteriaCatalog.definition(.suichi2019).criteria.first { $0.id == "skinChanges" }
        #expect(skin?.parts.isEmpty == true)
        #expect(skin?.note?.contains("lists no parts") == true)
    }

    /// The source attributes follow the criteria code: the sex is used where
    /// a criterion reads polycythemia (IMWG 2014), only to report it where it
    /// is an associated feature (2003), not at all otherwise (Suichi 2019);
    /// the citations are publications, never the project's file labels.
    @Test func sourceAttributesFollowTheCriteriaCode() {
        func sex(_ id: CriteriaSetID) -> SourceAttributes.PatientAttributeUse? {
            CriteriaCatalog.definition(id).sourceAttributes.patientAttributes.first { $0.attribute == "sex" }
        }
        #expect(sex(.imwg2014)?.used == true && sex(.imwg2014)?.use.hasPrefix("Chooses the hemoglobin threshold for polycythemia") == true)
        #expect(sex(.dispenzieri2003)?.used == true && sex(.dispenzieri2003)?.use.hasPrefix("Only to report polycythemia") == true)
        #expect(sex(.suichi2019)?.used == false)
        for definition in CriteriaCatalog.all {
            let attributes = definition.sourceAttributes
            #expect(attributes.patientAttributes.filter(\.used).map(\.attribute).allSatisfy { $0 == "sex" }, "\(definition.id)")
            #expect(!attributes.citations.isEmpty && attributes.citations.allSatisfy { !$0.contains("seed") && !$0.contains("REFERENCES") })
            #expect(attributes.releaseDates == .init(criteriaPublished: definition.version, rulesVersion: CriteriaEngineVersion.current,
                                                     rulesRevised: CriteriaEngineVersion.date))
            #expect(attributes.fundingSource == "none")
        }
        #expect(CriteriaCatalog.definition(.imwg2014).citation == CriteriaCatalog.definition(.imwg2014).sourceAttributes.citations.joined(separator: " "))
    }

    @Test func theProjectsLabelsReadAsTheDocumentsNames() {
        #expect(SourceDocuments.readable("Seed 004: anemia is not a feature (seed 004, Thrombocytosis; REFERENCES.md, heavy chain).")
            == "Dispenzieri, Mayo Clinic review: anemia is not a feature (Dispenzieri, Mayo Clinic review, Thrombocytosis; published references, heavy chain).")
        #expect(SourceDocuments.cited(in: "Seed 003: x; seed 000").map(\.label) == ["seed 003", "seed 000"])
    }

    @Test func definitionEncodesToDocumentedKeys() throws {
        let data = try JSONEncoder().encode(CriteriaCatalog.definition(.dispenzieri2003))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["id", "version", "title", "citation", "rule", "requirements", "criteria", "associatedFeatures", "footnotes", "notes",
                                     "sourceAttributes"])
        #expect(object["id"] as? String == "dispenzieri-2003")
        let criteria = try #require(object["criteria"] as? [[String: Any]])
        #expect(criteria[0].keys.contains("parts") && criteria[0].keys.contains("footnotes") && criteria[0].keys.contains("source"))
        #expect(criteria[0]["role"] as? String == "major")
    }

    @Test func reportEncodesToDocumentedKeys() throws {
        let report = try evaluate(findings: #"{"polyneuropathy": true}"#, labs: #"{"plateletCount10e9PerL": 500}"#)
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["criteriaSet", "verdict", "summary", "engineVersion", "evaluations", "associatedFeatures", "derivations", "warnings", "differential", "suggestedWorkup"])
        let evaluation = try #require((object["evaluations"] as? [[String: Any]])?.first)
        #expect(Set(evaluation.keys) == ["criteriaSet", "version", "title", "citation", "rule", "verdict", "criteria", "undetermined"])
        let criterion = try #require((evaluation["criteria"] as? [[String: Any]])?.first)
        #expect(Set(criterion.keys) == ["id", "name", "role", "status", "basis"])
        let feature = try #require((object["associatedFeatures"] as? [[String: Any]])?.first)
        #expect(Set(feature.keys) == ["id", "status", "basis"])
        let warning = try #require((object["warnings"] as? [[String: Any]])?.first)
        #expect(Set(warning.keys) == ["code", "severity", "message", "source"])
        let workup = try #require((object["suggestedWorkup"] as? [[String: Any]])?.first)
        #expect(Set(workup.keys) == ["id", "criterion", "name", "test", "source", "criteriaSets", "stage", "priority"])
        #expect(object["verdict"] as? String == "indeterminate")
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: data) == report)
    }
}
