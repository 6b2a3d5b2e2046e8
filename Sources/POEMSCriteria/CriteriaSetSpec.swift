/// The simple (boolean) findings of a request, by their `findings` key.
enum FindingID: String, CaseIterable, Sendable {
    case polyneuropathy, monoclonalPlasmaCellDisorder, castlemanDisease, scleroticBoneLesions
    case vegfElevated, papilledema, thrombocytosis, polycythemia
    case clubbing, weightLoss, hyperhidrosis, pulmonaryHypertension, restrictiveLungDisease
    case thromboticDiathesis, arthralgias, cardiomyopathy, fever, lowVitaminB12, diarrhea

    /// The value given in the request, before any lab derivation.
    func given(in findings: Findings) -> Bool? {
        switch self {
        case .polyneuropathy: findings.polyneuropathy
        case .monoclonalPlasmaCellDisorder: findings.monoclonalPlasmaCellDisorder
        case .castlemanDisease: findings.castlemanDisease
        case .scleroticBoneLesions: findings.scleroticBoneLesions
        case .vegfElevated: findings.vegfElevated
        case .papilledema: findings.papilledema
        case .thrombocytosis: findings.thrombocytosis
        case .polycythemia: findings.polycythemia
        case .clubbing: findings.clubbing
        case .weightLoss: findings.weightLoss
        case .hyperhidrosis: findings.hyperhidrosis
        case .pulmonaryHypertension: findings.pulmonaryHypertension
        case .restrictiveLungDisease: findings.restrictiveLungDisease
        case .thromboticDiathesis: findings.thromboticDiathesis
        case .arthralgias: findings.arthralgias
        case .cardiomyopathy: findings.cardiomyopathy
        case .fever: findings.fever
        case .lowVitaminB12: findings.lowVitaminB12
        case .diarrhea: findings.diarrhea
        }
    }
}

/// The grouped findings of a request, by their `findings` key.
enum GroupID: String, CaseIterable, Sendable {
    case organomegaly, extravascularVolumeOverload, endocrinopathy, skinChanges

    /// The finding as given: `nil` if not assessed, else a whole value or the
    /// parts (each with its id, display name and value).
    func given(in findings: Findings) -> GivenGroup? {
        switch self {
        case .organomegaly: Self.read(findings.organomegaly)
        case .extravascularVolumeOverload: Self.read(findings.extravascularVolumeOverload)
        case .endocrinopathy: Self.read(findings.endocrinopathy)
        case .skinChanges: Self.read(findings.skinChanges)
        }
    }

    private static func read<P: FindingParts>(_ value: GroupedFinding<P>?) -> GivenGroup? {
        switch value {
        case nil: nil
        case .whole(let flag)?: .whole(flag)
        case .parts(let parts)?: .parts(P.parts.map { GivenPart(id: $0.id, name: $0.name, value: parts.value(of: $0.id)) })
        }
    }
}

/// A grouped finding as given, independent of its parts type.
enum GivenGroup: Sendable {
    case whole(Bool)
    case parts([GivenPart])
}

/// One part of a grouped finding as given.
struct GivenPart: Sendable {
    var id: String
    var name: String
    var value: Bool?
}

/// How the engine computes a criterion's status from the findings.
enum CriterionEvaluation: Sendable {
    /// A simple finding (possibly derived from labs).
    case finding(FindingID)
    /// A grouped finding, counting only the parts in `counted`.
    /// `uncountedNote` explains, with its source, why parts present but not
    /// counted do not meet the criterion.
    case group(GroupID, counted: [String], uncountedNote: String?)
    /// The endocrinopathy finding with the thyroid / diabetes mellitus rule.
    /// `source` cites the rule for this set.
    case endocrinopathy(source: String)
    /// Met if any of the findings is present (thrombocytosis/polycythemia).
    case anyOf([FindingID])

    /// Whether the criterion's status depends on the finding `id`.
    func reads(_ id: FindingID) -> Bool {
        switch self {
        case .finding(let finding): finding == id
        case .anyOf(let findings): findings.contains(id)
        case .group, .endocrinopathy: false
        }
    }
}

/// A criterion definition together with how to evaluate it.
struct CriterionSpec: Sendable {
    var definition: CriterionDefinition
    var evaluation: CriterionEvaluation
}

/// A criteria set: its public definition and how each criterion is evaluated.
struct CriteriaSetSpec: Sendable {
    var definition: CriteriaSetDefinition
    var criteria: [CriterionSpec]

    /// `citations`: the publications of the set (author, journal, year), for
    /// its source attributes; `citation` (in words, for the API) defaults to
    /// them joined.
    init(
        id: CriteriaSetID, version: String, title: String, citations: [String], citation: String? = nil, rule: String,
        requirements: [Requirement], criteria: [CriterionSpec],
        associatedFeatures: [AssociatedFeatureDefinition], footnotes: [Footnote], notes: [String])
    {
        self.criteria = criteria
        let polycythemia = FindingID.polycythemia
        let sourceAttributes = SourceAttributes.of(
            criteriaPublished: version, citations: citations,
            decidesPolycythemia: criteria.contains { $0.evaluation.reads(polycythemia) },
            reportsPolycythemia: associatedFeatures.contains { $0.id == polycythemia.rawValue })
        self.definition = CriteriaSetDefinition(
            id: id, version: version, title: title, citation: citation ?? citations.joined(separator: " "), rule: rule,
            requirements: requirements, criteria: criteria.map(\.definition),
            associatedFeatures: associatedFeatures, footnotes: footnotes, notes: notes, sourceAttributes: sourceAttributes)
    }
}
