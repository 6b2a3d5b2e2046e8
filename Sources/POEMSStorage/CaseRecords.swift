/// One revision of a case as stored: the input exactly as accepted and the
/// evaluation computed from it at that time. Revisions are never changed.
public struct RevisionRecord: Sendable, Equatable {
    public var number: Int
    public var createdAt: String
    /// `{"patient", "findings", "labs"}` as accepted, JSON.
    public var input: String
    public var note: String?
    /// The evaluation computed for this revision, JSON: without the static
    /// treatment-evidence tables when `treatmentEvidence` is set, the whole
    /// document otherwise (revisions stored before migration 0005).
    public var evaluation: String
    /// The criteria-set ids evaluated.
    public var criteriaSets: [String]
    public var engineVersion: String
    /// True once the case is deleted (revisions are kept, marked).
    public var deleted: Bool
    /// The treatment-evidence selection of this revision by slug and version
    /// (`treatment-evidence/v2/meets/solitary`), attached again when read; `nil`
    /// when `evaluation` already holds it.
    public var treatmentEvidence: String?

    public init(number: Int, createdAt: String, input: String, note: String?, evaluation: String, criteriaSets: [String],
                engineVersion: String, deleted: Bool, treatmentEvidence: String?) {
        self.number = number
        self.createdAt = createdAt
        self.input = input
        self.note = note
        self.evaluation = evaluation
        self.criteriaSets = criteriaSets
        self.engineVersion = engineVersion
        self.deleted = deleted
        self.treatmentEvidence = treatmentEvidence
    }
}

/// A case with its latest revision.
public struct CaseRecord: Sendable, Equatable {
    public var id: String
    public var patientRef: String?
    public var createdAt: String
    public var updatedAt: String
    public var latest: RevisionRecord
    /// The latest revision's number.
    public var revision: Int { latest.number }

    public init(id: String, patientRef: String?, createdAt: String, updatedAt: String, latest: RevisionRecord) {
        self.id = id
        self.patientRef = patientRef
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.latest = latest
    }

    /// A new case at revision 1 from `draft`, with a fresh id (128 random
    /// bits, URL-safe base64: 22 characters, never beginning with `-`): the
    /// record a create will write, so that its response can be rendered
    /// before the write. Ids stored before that rule keep working.
    public static func new(patientRef: String?, draft: RevisionDraft) -> CaseRecord {
        let now = Timestamp.now()
        return CaseRecord(id: Base64URL.randomIdentifier(bytes: 16), patientRef: patientRef, createdAt: now, updatedAt: now,
                          latest: draft.revision(1, at: now))
    }

    /// The case `id` at its next revision `number`, from `draft`.
    public static func next(id: String, patientRef: String?, createdAt: String, number: Int, draft: RevisionDraft) -> CaseRecord {
        let now = Timestamp.now()
        return CaseRecord(id: id, patientRef: patientRef, createdAt: createdAt, updatedAt: now, latest: draft.revision(number, at: now))
    }
}

/// A case in a listing: no input or evaluation, only the verdicts.
public struct CaseSummary: Sendable, Equatable {
    public var id: String
    public var patientRef: String?
    public var createdAt: String
    public var updatedAt: String
    public var revision: Int
    /// Criteria-set id → verdict, of the latest revision.
    public var verdicts: [String: String]
    /// The latest revision's digest (`RevisionDraft.digest`); `nil` when last
    /// written before migration 0010.
    public var digest: String?

    public init(id: String, patientRef: String?, createdAt: String, updatedAt: String, revision: Int, verdicts: [String: String], digest: String?) {
        self.id = id
        self.patientRef = patientRef
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
        self.verdicts = verdicts
        self.digest = digest
    }
}

/// What a write adds: a new revision and its indexable facts.
public struct RevisionDraft: Sendable {
    public var input: String
    public var note: String?
    /// The evaluation without the treatment-evidence tables.
    public var evaluation: String
    /// The treatment-evidence selection, by slug and version.
    public var treatmentEvidence: String
    public var criteriaSets: [String]
    public var engineVersion: String
    /// Criteria-set id → verdict.
    public var verdicts: [String: String]
    /// (criteria-set id, criterion id, status) for every criterion.
    public var criteria: [(criteriaSet: String, criterion: String, status: String)]
    /// What a listing shows of the case (JSON, opaque to storage), kept
    /// with the case's latest revision.
    public var digest: String?

    public init(input: String, note: String?, evaluation: String, treatmentEvidence: String, criteriaSets: [String], engineVersion: String,
                verdicts: [String: String], criteria: [(criteriaSet: String, criterion: String, status: String)], digest: String? = nil) {
        self.digest = digest
        self.input = input
        self.note = note
        self.evaluation = evaluation
        self.treatmentEvidence = treatmentEvidence
        self.criteriaSets = criteriaSets
        self.engineVersion = engineVersion
        self.verdicts = verdicts
        self.criteria = criteria
    }

    /// The revision this draft becomes as number `number`, written at `now`.
    func revision(_ number: Int, at now: String) -> RevisionRecord {
        RevisionRecord(number: number, createdAt: now, input: input, note: note, evaluation: evaluation, criteriaSets: criteriaSets,
                       engineVersion: engineVersion, deleted: false, treatmentEvidence: treatmentEvidence)
    }
}

/// The `Idempotency-Key` of a create, with the fingerprint of its body.
public struct IdempotencyClaim: Sendable {
    public var key: String
    public var fingerprint: String
    public init(key: String, fingerprint: String) {
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// How a create ended.
public enum CreateOutcome: Sendable {
    /// A new case.
    case created(CaseRecord)
    /// The key was used before with the same body: the case as that request
    /// created it (revision 1), to answer as then.
    case replayedCreation(CaseRecord)
    /// The key was used before with a different body.
    case keyReused
}

/// Why a write to an existing case was refused.
public enum CaseWriteError: Error, Sendable {
    case notFound
    /// The case was purged (at this time): its content no longer exists.
    case purged(at: String)
    /// The case is at another revision than the writer expected.
    case revisionMismatch(current: Int)
}

/// Filters and paging of `CaseStore.list`.
public struct CaseListQuery: Sendable, Equatable {
    /// Only cases with this verdict under `criteriaSet`.
    public var verdict: String?
    public var criteriaSet: String
    public var patientRef: String?
    /// Only cases updated at or after this timestamp (same format as stored).
    public var updatedSince: String?
    public var limit: Int
    /// Only cases created after the one with this internal position.
    public var after: Int64?

    public init(verdict: String? = nil, criteriaSet: String, patientRef: String? = nil, updatedSince: String? = nil, limit: Int = 50, after: Int64? = nil) {
        self.verdict = verdict
        self.criteriaSet = criteriaSet
        self.patientRef = patientRef
        self.updatedSince = updatedSince
        self.limit = limit
        self.after = after
    }
}

/// One page of a listing; `next` is the position to continue after, when
/// there is more.
public struct CasePage: Sendable {
    public var items: [CaseSummary]
    public var next: Int64?

    public init(items: [CaseSummary], next: Int64?) {
        self.items = items
        self.next = next
    }
}

/// Filters of `CaseStore.statistics`.
public struct CaseStatisticsQuery: Sendable, Equatable {
    /// Only these criteria sets (`nil`: all).
    public var criteriaSets: [String]?
    /// Only cases last updated at or after this timestamp (stored form).
    public var since: String?
    /// Only cases last updated before this timestamp (stored form).
    public var until: String?

    public init(criteriaSets: [String]? = nil, since: String? = nil, until: String? = nil) {
        self.criteriaSets = criteriaSets
        self.since = since
        self.until = until
    }
}

/// Counts over the latest revisions of live cases.
public struct CaseStatistics: Sendable {
    public struct CriterionCount: Sendable {
        public var criteriaSet: String
        public var criterion: String
        public var met: Int
        public var notMet: Int
        public var unknown: Int

        public init(criteriaSet: String, criterion: String, met: Int, notMet: Int, unknown: Int) {
            self.criteriaSet = criteriaSet
            self.criterion = criterion
            self.met = met
            self.notMet = notMet
            self.unknown = unknown
        }
    }
    public var cases: Int
    /// Criteria-set id → verdict → count.
    public var verdicts: [String: [String: Int]]
    public var criteria: [CriterionCount]
    /// The change-feed position the counts are as of: every change up to it
    /// is counted, none after.
    public var asOfSeq: Int64
    /// When that change was written; `nil` before any.
    public var asOfAt: String?

    public init(cases: Int, verdicts: [String: [String: Int]], criteria: [CriterionCount], asOfSeq: Int64, asOfAt: String?) {
        self.cases = cases
        self.verdicts = verdicts
        self.criteria = criteria
        self.asOfSeq = asOfSeq
        self.asOfAt = asOfAt
    }
}
