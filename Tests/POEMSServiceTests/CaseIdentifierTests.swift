import POEMSStorage
import Testing

/// Case ids travel in URLs and shell commands: one beginning with `-` would
/// be read as an option by `grep`, `rm` or `curl`'s neighbours in a script.
@Suite struct CaseIdentifierTests {
    static let draft = RevisionDraft(
        input: #"{"findings":{}}"#, note: nil, evaluation: "{}", treatmentEvidence: "treatment-evidence/v2/none",
        criteriaSets: ["imwg-2014"], engineVersion: "test", verdicts: ["imwg-2014": "indeterminate"],
        criteria: [("imwg-2014", "polyneuropathy", "unknown")], digest: "{}")

    /// 20,000 new ids: without the rule about 312 would begin with `-` (one
    /// in 64), and the chance that none does is below 10^-135.
    @Test func newCaseIdsNeverBeginWithADash() {
        let ids = (0..<20_000).map { _ in CaseRecord.new(patientRef: nil, draft: Self.draft).id }
        #expect(ids.filter { $0.hasPrefix("-") }.count == 0)
        #expect(ids.allSatisfy { $0.count == 22 }, "128 bits, URL-safe base64 without padding")
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains { $0.contains("-") }, "a dash elsewhere is still a digit of the id")
    }
}
