import Testing
@testable import POEMSCriteria

/// Issue 21: the text a clinician reads (criterion bases, warning messages,
/// differential reasons and tests, work-up items, the summary, derivation
/// explanations) names findings in words, never by their API field names.
@Suite("Clinical text in words")
struct ClinicalTextTests {
    /// Every member name of the request's findings and labs that is not an
    /// English word (camelCase: "amyloidOnBiopsy", not "fever").
    static let fieldNames: [String] =
        (Findings.CodingKeys.allCases.map(\.stringValue) + Labs.CodingKeys.allCases.map(\.stringValue)
            + MProteinTests.CodingKeys.allCases.map(\.stringValue) + GroupID.allCases.map(\.rawValue))
        .filter { $0.contains(where: \.isUppercase) }

    static let cases = [
        #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false, "scleroticBoneLesions": true, "mProteinTests": {"serumElectrophoresis": true}}, "labs": {"plasmaVegfPgPerMl": 780}}"#,
        #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": false}}"#,
        #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}}"#,
        #"{"findings": {"vegfElevated": false, "thrombocytosis": true, "polycythemia": false}, "labs": {"plasmaVegfPgPerMl": 500, "plateletCount10e9PerL": 300, "hemoglobinGPerDl": 18}, "patient": {"sex": "male"}}"#,
        #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "IgM", "amyloidOnBiopsy": false, "osteolyticBoneLesions": true, "mriFocalLesions": 2}, "labs": {"calciumMgPerDl": 12, "creatinineMgPerDl": 3, "hemoglobinGPerDl": 9, "boneMarrowPlasmaCellPercent": 65, "serumFreeLightChainRatio": 120, "involvedFreeLightChainMgPerL": 150}}"#,
        #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "light-chain-only", "cardiomyopathy": true, "amyloidBiopsies": [{"site": "fat-pad", "result": "no-amyloid"}]}}"#,
        #"{"findings": {"castlemanDisease": true, "monoclonalPlasmaCellDisorder": false, "endocrinopathy": {"thyroid": true}, "extravascularVolumeOverload": {"peripheralEdema": true}}, "labs": {"hemoglobinGPerDl": 16}}"#,
    ]

    @Test func noFieldNameInWhatAClinicianReads() throws {
        for json in Self.cases {
            let report = try evaluate(json)
            var texts = [report.summary]
            texts += report.evaluations.flatMap { $0.criteria.map(\.basis) }
            texts += report.associatedFeatures.map(\.basis)
            texts += report.warnings.map(\.message)
            texts += report.differential.flatMap { $0.reasons + $0.toExclude }
            texts += report.suggestedWorkup.flatMap { [$0.name, $0.test] }
            texts += report.derivations.map(\.explanation)
            for text in texts {
                for name in Self.fieldNames where text.contains(name) {
                    Issue.record("\"\(name)\" in: \(text)")
                }
            }
        }
    }
}
