/// The reasons a clinician may pick when dismissing a card (CDS Hooks 2.0
/// `overrideReasons`: Codings, each with the `display` the specification
/// requires). A small vocabulary of this service, its `system` the
/// service's public URL followed by ``path``; a CDS client may add reasons
/// of its own, which feedback then names with their own system.
///
/// | code | display |
/// |---|---|
/// | `already-excluded` | POEMS already excluded |
/// | `already-diagnosed` | POEMS already diagnosed |
/// | `not-relevant-now` | Not relevant now |
package enum CDSOverrideReasons {
    /// A CDS Hooks Coding.
    package struct Coding: Encodable, Equatable {
        package let system: String
        package let code: String
        package let display: String
    }

    /// Appended to the public URL to make the `system`.
    package static let path = "/cds-services/override-reasons"

    package static let reasons: [(code: String, display: String)] = [
        ("already-excluded", "POEMS already excluded"),
        ("already-diagnosed", "POEMS already diagnosed"),
        ("not-relevant-now", "Not relevant now"),
    ]

    package static func system(publicURL: String) -> String { publicURL + path }

    /// The Codings every card offers.
    package static func codings(publicURL: String) -> [Coding] {
        reasons.map { Coding(system: system(publicURL: publicURL), code: $0.code, display: $0.display) }
    }

    /// Whether `code` belongs to the vocabulary.
    package static func isKnown(_ code: String) -> Bool { reasons.contains { $0.code == code } }
}
