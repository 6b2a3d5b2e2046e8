import POEMSCriteria

/// The extent of the sclerotic bone lesions (`findings.boneLesionExtent`),
/// which decides the treatment evidence shown: seed 004 (Treatment) treats a
/// solitary lesion, lesions in a limited area (radiation) and widespread
/// lesions (systemic therapy) apart. No LOINC or SNOMED CT code in
/// REFERENCES.md says this, so poemsd defines its own:
///
/// - an Observation coded `urn:poemsd:fhir:codes|bone-lesion-extent` (a seed
///   row of kind `bone-lesion-extent`; an operator may import a local code
///   for it), valued `urn:poemsd:fhir:bone-lesion-extent|solitary`,
///   `|limited` or `|widespread` (seed 004's three extents);
/// - or the count of `bodySite` on the present Conditions of a sclerotic
///   bone lesion (osteosclerosis, SNOMED CT 49347007 / HP:0011001): one body
///   site on one Condition is a solitary lesion; more than one says there is
///   more than one lesion, but not whether they lie in a limited area or are
///   widespread (seed 004 separates the two by area, not by number), so the
///   extent is left unset with that reason.
enum BoneLesionExtentReading {
    static let target = "boneLesionExtent"
    static let pointer = "/findings/boneLesionExtent"
    static let codeSystem = "urn:poemsd:fhir:codes"
    static let valueSystem = "urn:poemsd:fhir:bone-lesion-extent"

    /// An extent Observation's value.
    static func observation(_ value: ObservationValue) -> BundleReader.Reading {
        if case .concept(let codings) = value,
           let extent = codings.lazy.filter({ $0.system == valueSystem }).compactMap({ $0.code.flatMap(BoneLesionExtent.init(rawValue:)) }).first
        {
            return .value(.string(extent.rawValue), target: pointer)
        }
        return .notInterpretable("The extent is read from a valueCodeableConcept of \(valueSystem) (solitary, limited, widespread: seed 004, Treatment); \(value.describe) was given.", target: pointer)
    }

    /// The extent from the sclerotic-lesion Conditions' body sites.
    static func settle(_ state: inout BundleReader.ReadState) {
        let sites = state.lesionSites
        guard !sites.isEmpty, sites.allSatisfy({ $0.sites > 0 }) else { return }
        let total = sites.reduce(0) { $0 + $1.sites }
        if total == 1 {
            let only = sites[0]
            state.candidates.propose(pointer, .init(
                value: .string(BoneLesionExtent.solitary.rawValue),
                detail: SourceDetail(resource: only.resource, date: only.date?.text, verificationStatus: nil,
                                     reported: "one body site on the only sclerotic bone lesion Condition → solitary", evidence: nil),
                date: only.date, resourceType: "Condition"))
        } else {
            for site in sites {
                state.unmapped.append(Unmapped(
                    resource: site.resource, expression: site.expression, coding: nil,
                    reason: "\(total) body sites of sclerotic bone lesions: more than one lesion, but whether they lie in a limited area or are widespread (seed 004, Treatment) a count cannot tell; send the extent as an Observation (\(codeSystem)|bone-lesion-extent).",
                    target: pointer))
            }
        }
    }
}
