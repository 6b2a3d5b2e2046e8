import Testing
@testable import POEMSCriteria

/// Issue 21: AL amyloidosis kept open after a negative screening biopsy
/// where the picture fits (REFERENCES.md, the amyloid screening-biopsy
/// figures: fat aspiration 73.2%, marrow 59.7%, both 82.9%).
@Suite("AL amyloidosis and amyloid biopsies")
struct AmyloidBiopsyTests {
    /// The issue's patient: light chain only, hepatomegaly, renal failure, a
    /// negative fat pad.
    static let lightChainPatient = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "light-chain-only", "monoclonalLightChain": "lambda", "organomegaly": {"hepatomegaly": true}, "extravascularVolumeOverload": {"peripheralEdema": true, "ascites": true}, "amyloidBiopsies": [{"site": "fat-pad", "result": "no-amyloid"}]}, "labs": {"creatinineMgPerDl": 3.1}}"#

    @Test func aNegativeFatPadLeavesALOpenWhereThePictureFits() throws {
        let report = try evaluate(Self.lightChainPatient)
        let entry = try #require(report.differential.first { $0.condition == .alAmyloidosis })
        let reasons = entry.reasons.joined(separator: " ")
        #expect(reasons.contains("Biopsy without amyloid: abdominal fat pad"))
        #expect(reasons.contains("a light-chain-only monoclonal protein"))
        #expect(reasons.contains("hepatomegaly"))
        #expect(reasons.contains("73.2%") && reasons.contains("59.7%") && reasons.contains("82.9%"))
        #expect(entry.toExclude.first?.hasPrefix("Biopsy of an affected organ (kidney, liver or nerve)") == true)
        #expect(entry.sources.contains { $0.contains("PubMed 32495369") })
        let item = try #require(report.suggestedWorkup.first { $0.id == "amyloid-biopsy" })
        #expect(item.name == "biopsy of an affected organ examined for amyloid")
        // Renal failure is also a myeloma-defining event; both point to a finding, ahead of CIDP.
        #expect(report.differential.map(\.condition) == [.multipleMyeloma, .alAmyloidosis, .cidp])
    }

    @Test func aNegativeOrganBiopsyOrNoFittingPictureCloses() throws {
        let organ = Self.lightChainPatient.replacingOccurrences(of: #"[{"site": "fat-pad", "result": "no-amyloid"}]"#,
                                                               with: #"[{"site": "fat-pad", "result": "no-amyloid"}, {"site": "kidney", "result": "no-amyloid"}]"#)
        #expect(try !evaluate(organ).differential.contains { $0.condition == .alAmyloidosis })
        let noPicture = #"{"findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "IgA", "amyloidBiopsies": [{"site": "fat-pad", "result": "no-amyloid"}]}}"#
        #expect(try !evaluate(noPicture).differential.contains { $0.condition == .alAmyloidosis })
    }

    @Test func theSummaryFormStillWorks() throws {
        #expect(try evaluate(#"{"findings": {"amyloidOnBiopsy": true}}"#).differential.map(\.condition) == [.alAmyloidosis])
        // A negative of unknown site with a fitting picture stays open.
        let unknownSite = try evaluate(#"{"findings": {"monoclonalPlasmaCellDisorder": true, "monoclonalHeavyChain": "light-chain-only", "amyloidOnBiopsy": false}}"#)
        let entry = try #require(unknownSite.differential.first { $0.condition == .alAmyloidosis })
        #expect(entry.reasons.first?.contains("its site not given") == true)
        // An amyloid biopsy in the list is tissue proof, first in the differential.
        let proven = try evaluate(#"{"findings": {"polyneuropathy": true, "amyloidBiopsies": [{"site": "fat-pad", "result": "no-amyloid"}, {"site": "bone-marrow", "result": "amyloid"}]}}"#)
        #expect(proven.differential.first?.condition == .alAmyloidosis)
        #expect(proven.differential.first?.reasons.first == "Amyloid is reported on a tissue biopsy (bone marrow).")
        // No field names in the clinical text.
        let notLooked = try evaluate(findings: #"{"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true}"#)
        let text = notLooked.differential.flatMap { $0.reasons + $0.toExclude }.joined()
        #expect(!text.contains("amyloidOnBiopsy"))
    }

    @Test func biopsiesAreReadStrictly() throws {
        #expect(decodingFailure(#"{"findings": {"amyloidBiopsies": [{"site": "skin", "result": "amyloid"}]}}"#)?.pointer == "/findings/amyloidBiopsies/0/site")
        #expect(decodingFailure(#"{"findings": {"amyloidBiopsies": [{"site": "kidney"}]}}"#)?.kind == "keyNotFound")
        #expect(decodingFailure(#"{"findings": {"amyloidBiopsies": {"site": "kidney", "result": "amyloid"}}}"#)?.kind == "typeMismatch")
        #expect(decodingFailure(#"{"findings": {"amyloidBiopsies": [{"site": "kidney", "result": "amyloid", "date": 1}]}}"#)?.pointer == "/findings/amyloidBiopsies/0/date")
        let contradiction = try #require(decodingFailure(#"{"findings": {"amyloidOnBiopsy": false, "amyloidBiopsies": [{"site": "kidney", "result": "amyloid"}]}}"#))
        #expect(contradiction.pointer == "/findings/amyloidOnBiopsy")
        #expect(try decode(#"{"findings": {"amyloidBiopsies": [{"site": "nerve", "result": "no-amyloid"}]}}"#).findings.amyloidBiopsies == [AmyloidBiopsy(site: .nerve, result: .noAmyloid)])
    }
}
