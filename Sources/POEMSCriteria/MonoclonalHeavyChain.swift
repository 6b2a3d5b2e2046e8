/// The heavy-chain class of the monoclonal protein: `findings.monoclonalHeavyChain`.
///
/// In POEMS syndrome the M-protein is IgG or IgA, almost always lambda
/// (REFERENCES.md, telling POEMS from its mimics: Dispenzieri, Am J Hematol
/// update; seed 004: all 99 Mayo patients were lambda). An IgM protein with
/// neuropathy points to IgM-MGUS neuropathy (anti-MAG antibodies in about
/// half) or Waldenström macroglobulinemia (REFERENCES.md: Chaudhry,
/// Mauermann, Rajkumar, Mayo Clin Proc 2017;92:838–850): it opens the
/// `igm-neuropathy` differential. It changes no criterion.
///
/// Decoding rejects any other value, and a heavy chain given while
/// `monoclonalPlasmaCellDisorder` is `false`.
public enum MonoclonalHeavyChain: String, Codable, Sendable, CaseIterable {
    case igG = "IgG"
    case igA = "IgA"
    case igM = "IgM"
    /// A light chain without a heavy chain (free light chain only).
    case lightChainOnly = "light-chain-only"

    public init(from decoder: any Decoder) throws {
        self = try decodeStrictEnum(MonoclonalHeavyChain.self, from: decoder, fieldName: "monoclonalHeavyChain")
    }
}
