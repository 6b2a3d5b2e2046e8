/// One biopsy examined for amyloid: an element of `findings.amyloidBiopsies`.
///
/// JSON: `{"site": "fat-pad", "result": "no-amyloid"}`; both members are
/// required, and unknown members or values are refused.
///
/// REFERENCES.md, When the M-protein counts as absent (the amyloid screening
/// biopsies): abdominal fat aspiration found amyloid in 73.2% of AL patients
/// and bone marrow biopsy in 59.7% (82.9% together; UK National Amyloidosis
/// Centre, 471 patients, Eur J Haematol 2020, PubMed 32495369), so a negative
/// screening biopsy (fat pad, bone marrow, rectum) leaves AL amyloidosis open
/// where the picture fits; an organ biopsy (kidney, heart, liver, nerve)
/// examines the organ itself.
public struct AmyloidBiopsy: Codable, Sendable, Equatable {
    public var site: AmyloidBiopsySite
    public var result: AmyloidBiopsyResult

    public init(site: AmyloidBiopsySite, result: AmyloidBiopsyResult) {
        self.site = site
        self.result = result
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, result
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: CodingKeys.allCases.map(\.rawValue), objectName: "an amyloid biopsy")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        site = try container.decode(AmyloidBiopsySite.self, forKey: .site)
        result = try container.decode(AmyloidBiopsyResult.self, forKey: .result)
    }
}

/// Where a biopsy examined for amyloid was taken.
///
/// `fat-pad`, `bone-marrow` and `rectal` are screening biopsies; `nerve`,
/// `kidney`, `heart` and `liver` organ biopsies (REFERENCES.md); `other` is
/// neither, and leaves AL amyloidosis open as a screening biopsy does.
public enum AmyloidBiopsySite: String, Codable, Sendable, CaseIterable {
    case fatPad = "fat-pad"
    case boneMarrow = "bone-marrow"
    case rectal
    case nerve
    case kidney
    case heart
    case liver
    case other

    /// An organ biopsy: it examines the organ itself (REFERENCES.md).
    public var isOrganBiopsy: Bool {
        switch self {
        case .nerve, .kidney, .heart, .liver: true
        case .fatPad, .boneMarrow, .rectal, .other: false
        }
    }

    /// The site in words.
    var words: String {
        switch self {
        case .fatPad: "abdominal fat pad"
        case .boneMarrow: "bone marrow"
        case .rectal: "rectum"
        case .nerve: "nerve"
        case .kidney: "kidney"
        case .heart: "heart"
        case .liver: "liver"
        case .other: "another site"
        }
    }

    public init(from decoder: any Decoder) throws {
        self = try decodeStrictEnum(AmyloidBiopsySite.self, from: decoder, fieldName: "site")
    }
}

/// What a biopsy examined for amyloid showed.
public enum AmyloidBiopsyResult: String, Codable, Sendable, CaseIterable {
    case amyloid
    case noAmyloid = "no-amyloid"

    public init(from decoder: any Decoder) throws {
        self = try decodeStrictEnum(AmyloidBiopsyResult.self, from: decoder, fieldName: "result")
    }
}
