import Foundation
import POEMSCriteria

/// Reads a FHIR R4 Bundle (`collection`, `searchset`, `transaction` or
/// `batch`) of Patient, Observation and Condition resources into the
/// service's findings input. Pure: no I/O.
///
/// ```swift
/// let reader = BundleReader(terminology: .seeded(), evaluationDate: Date())
/// let result = try reader.read(bundleJSON)   // throws FHIRValidationError
/// result.input        // CaseInput
/// result.provenance   // which resource set which value
/// result.unmapped     // what meant nothing, and why
/// ```
///
/// The rules (see docs/fhir-and-cds-hooks.md, "FHIR R4 input"):
/// - Codes are looked up in the ``TerminologyMap``; nothing is read from a
///   display text or a unit's free text.
/// - Conditions: `verificationStatus` `refuted` → absent; `entered-in-error`
///   → ignored; `confirmed`, `provisional`, `unconfirmed` (or none given) →
///   present, the status kept in the provenance; `differential` → not read
///   (one of several candidate diagnoses, not a finding).
/// - Observations: `status` `final`, `amended`, `corrected`, `preliminary`
///   or `unknown` are read; `registered`, `cancelled`, `entered-in-error`
///   are not. A finding code's value is LOINC LA9633-4 Present, LA9634-2
///   Absent, or a boolean. A laboratory code's value is a Quantity with a
///   UCUM code, converted (``LabKind``); a VEGF result needs its specimen
///   (serum or plasma) from its code or its `specimen`; a VEGF reference
///   range's `high` is the laboratory's upper limit.
/// - A monoclonal protein test (electrophoresis, immunofixation of serum or
///   urine, an M-protein band, free light chains) is recorded as done in
///   `findings.mProteinTests`; a protein shown sets the monoclonal plasma
///   cell disorder present; a negative result never sets it absent, because
///   electrophoresis without immunofixation misses the protein in nearly a
///   third of patients and fewer than 10% have no circulating protein but a
///   plasmacytoma (seed 004, via REFERENCES.md). Free light chain values are
///   not interpreted (no sourced threshold).
/// - Patient: `gender` male/female → sex; `birthDate` → age in whole years
///   at the evaluation date (a year or month alone counts from its first day).
/// - Several resources on one value: see ``CandidateValues``.
///
/// Invalid for what is read (wrong `resourceType`, a Quantity without a
/// value, a wrong JSON type, a required element missing, an unknown status
/// code, resources about different patients): ``FHIRValidationError`` with
/// every issue found, each with the element's FHIRPath expression.
public struct BundleReader: Sendable {
    public let terminology: TerminologyMap
    /// The date ages are computed at.
    public let evaluationDate: Date
    /// Longest string of an element poemsd reads (an id, a code, a system,
    /// a unit, a date), in UTF-8 bytes; longer is an issue at the element.
    /// Elements not read (a narrative, an attachment's base64 data) are not
    /// limited here: the request's size limit bounds them.
    public let maximumStringBytes: Int

    public init(terminology: TerminologyMap, evaluationDate: Date, maximumStringBytes: Int = .max) {
        self.terminology = terminology
        self.evaluationDate = evaluationDate
        self.maximumStringBytes = maximumStringBytes
    }

    static let bundleTypes = ["collection", "searchset", "transaction", "batch"]
    static let otherBundleTypes = ["document", "message", "transaction-response", "batch-response", "history"]
    static let loinc = "http://loinc.org"
    static let ucum = "http://unitsofmeasure.org"
    /// Most issues listed in one OperationOutcome.
    static let maximumIssues = 20

    /// Reads a Bundle from JSON bytes.
    public func read(_ data: Data) throws(FHIRValidationError) -> FHIRFindings {
        try read { try JSONValue.parse(data) }
    }

    /// Reads a Bundle from JSON bytes, without copying them.
    public func read(_ bytes: [UInt8]) throws(FHIRValidationError) -> FHIRFindings {
        try read { try JSONValue.parse(bytes) }
    }

    private func read(parsing parse: () throws -> JSONValue) throws(FHIRValidationError) -> FHIRFindings {
        let root: JSONValue
        do {
            root = try parse()
        } catch {
            throw FHIRValidationError(issues: [FHIRIssue(.structure, at: "Bundle", "The body is not a JSON document.")])
        }
        return try read(root)
    }

    /// Reads a parsed Bundle.
    public func read(_ root: JSONValue) throws(FHIRValidationError) -> FHIRFindings {
        var state = ReadState()
        do throws(FHIRIssue) {
            let bundle = FHIRElement(root, expression: "Bundle", maximumStringBytes: maximumStringBytes)
            try bundle.requireObject()
            let resourceType = try bundle.string("resourceType")
            guard resourceType == "Bundle" else {
                throw FHIRIssue(.structure, at: "Bundle.resourceType",
                                "Expected a Bundle; got \(resourceType.map { "resourceType '\($0)'" } ?? "no resourceType"). Send the Patient, Observations and Conditions in a Bundle.")
            }
            guard let type = try bundle.string("type") else {
                throw FHIRIssue(.required, at: "Bundle.type", "Bundle.type is required.")
            }
            guard Self.bundleTypes.contains(type) else {
                let known = Self.otherBundleTypes.contains(type)
                throw FHIRIssue(known ? .notSupported : .value, at: "Bundle.type",
                                "\(known ? "A \(type) Bundle is not read" : "'\(type)' is not a Bundle type"); send a \(Self.bundleTypes.joined(separator: ", ")) Bundle.")
            }
            let entries = try bundle.array("entry")
            try collectResources(entries, into: &state)
        } catch {
            state.issues.append(error)
        }
        guard state.issues.isEmpty else { throw FHIRValidationError(issues: Array(state.issues.prefix(Self.maximumIssues))) }
        readAll(&state)
        settleMProtein(&state)
        BoneLesionExtentReading.settle(&state)
        guard state.issues.isEmpty else { throw FHIRValidationError(issues: Array(state.issues.prefix(Self.maximumIssues))) }
        return try assemble(state)
    }

    // MARK: - Collecting

    /// A resource of the Bundle with how it is referred to.
    struct Resource {
        let type: String
        let element: FHIRElement
        /// `type/id`, or the entry's fullUrl, or the entry's expression.
        let reference: String
        let fullUrl: String?
    }

    struct ReadState {
        var issues: [FHIRIssue] = []
        var resources: [Resource] = []
        var specimens: [String: Resource] = [:]
        var patient: Resource?
        /// Each resource's type by its reference, for ``Unmapped/resourceType``.
        var resourceTypes: [String: String] = [:]
        var candidates = CandidateValues()
        var unmapped: [Unmapped] = []
        var mProtein: [MProteinResult] = []
        var notes: [CriterionNote] = []
        var serialWarnings: [InputWarning] = []
        /// Each present sclerotic-lesion Condition with its number of body sites.
        var lesionSites: [(resource: String, expression: String, sites: Int, date: FHIRDate?)] = []
    }

    private func collectResources(_ entries: [FHIRElement], into state: inout ReadState) throws(FHIRIssue) {
        for entry in entries {
            do throws(FHIRIssue) {
                try entry.requireObject()
                let fullUrl = try entry.string("fullUrl")
                guard let element = try entry.object("resource") else {
                    state.unmapped.append(Unmapped(resource: fullUrl ?? entry.expression, expression: entry.expression, coding: nil,
                                                   reason: "The entry holds no resource."))
                    continue
                }
                guard let type = try element.string("resourceType") else {
                    throw FHIRIssue(.required, at: "\(element.expression).resourceType", "Every resource needs a resourceType.")
                }
                let id = try element.string("id")
                let resource = Resource(type: type, element: element,
                                        reference: id.map { "\(type)/\($0)" } ?? fullUrl ?? element.expression, fullUrl: fullUrl)
                state.resourceTypes[resource.reference] = type
                switch type {
                case "Patient":
                    if let first = state.patient {
                        throw FHIRIssue(.notSupported, at: element.expression,
                                        "The Bundle holds a second Patient (the first is \(first.reference)); one Bundle describes one patient.")
                    }
                    state.patient = resource
                case "Observation", "Condition", "Procedure":
                    state.resources.append(resource)
                case "Specimen":
                    for key in [id.map { "Specimen/\($0)" }, fullUrl].compactMap({ $0 }) { state.specimens[key] = resource }
                case "OperationOutcome" where try entry.object("search")?.string("mode") == "outcome":
                    continue // a server's remarks about the search, not clinical data
                default:
                    state.unmapped.append(Unmapped(resource: resource.reference, expression: element.expression, coding: nil,
                                                   reason: "poemsd reads Patient, Observation, Condition and Procedure resources; a \(type) is not read."))
                }
            } catch {
                state.issues.append(error)
            }
        }
    }

    // MARK: - Reading

    private func readAll(_ state: inout ReadState) {
        if let patient = state.patient {
            do throws(FHIRIssue) { try readPatient(patient, into: &state) } catch { state.issues.append(error) }
        }
        for resource in state.resources {
            do throws(FHIRIssue) {
                try checkSubject(resource, state: state)
                if resource.type == "Condition" {
                    try readCondition(resource, into: &state)
                } else if resource.type == "Procedure" {
                    try readProcedure(resource, into: &state)
                } else {
                    try readObservation(resource, into: &state)
                }
            } catch {
                state.issues.append(error)
            }
        }
    }

    /// Every resource must be about the Bundle's one patient.
    private func checkSubject(_ resource: Resource, state: ReadState) throws(FHIRIssue) {
        let subject = try resource.element.object("subject")
        if resource.type != "Observation", subject == nil {
            throw FHIRIssue(.required, at: "\(resource.element.expression).subject", "\(resource.type).subject is required in FHIR R4.")
        }
        guard let subject, let reference = try subject.string("reference") else { return }
        let expected: Set<String>
        if let patient = state.patient {
            expected = Set([patient.reference, patient.fullUrl].compactMap { $0 })
        } else {
            // No Patient in the Bundle: every subject must be the same.
            let first = state.resources.lazy.compactMap { try? $0.element.object("subject")?.string("reference") }.first
            expected = Set([first].compactMap { $0 })
        }
        guard expected.contains(reference) else {
            throw FHIRIssue(.notSupported, at: "\(subject.expression).reference",
                            "This resource is about another patient than the rest of the Bundle; one Bundle describes one patient.")
        }
    }

    private func readPatient(_ patient: Resource, into state: inout ReadState) throws(FHIRIssue) {
        let element = patient.element
        if let gender = try element.string("gender") {
            switch gender {
            case "female", "male":
                state.candidates.propose("/patient/sex", .init(value: .string(gender), detail: detail(patient, reported: gender), date: nil))
            case "other", "unknown":
                state.unmapped.append(Unmapped(resource: patient.reference, expression: "\(element.expression).gender", coding: nil,
                                               reason: "gender '\(gender)': the polycythemia thresholds are given for females and males (seed 004, Table 2), so sex is left unset."))
            default:
                throw FHIRIssue(.value, at: "\(element.expression).gender", "gender must be male, female, other or unknown.")
            }
        }
        if let birthDate = try element.string("birthDate") {
            let expression = "\(element.expression).birthDate"
            guard !birthDate.contains("T"), let date = FHIRDate(birthDate) else {
                throw FHIRIssue(.value, at: expression, "birthDate must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD).")
            }
            guard let years = date.years(until: evaluationDate), (0...150).contains(years) else {
                throw FHIRIssue(.value, at: expression, "birthDate gives an age outside 0 to 150 years at the evaluation date.")
            }
            state.candidates.propose("/patient/ageYears", .init(value: .number(Double(years)), detail: detail(patient, reported: nil), date: nil))
        }
    }

    static let conditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"

    private func readCondition(_ resource: Resource, into state: inout ReadState) throws(FHIRIssue) {
        let element = resource.element
        let statusCodings = try element.codings("verificationStatus").filter { $0.system == Self.conditionVerification }
        let status = statusCodings.first?.code
        let present: Bool?
        switch status {
        case nil, "confirmed": present = true
        case "refuted": present = false
        // Not established: never counted as present; the criterion stays unknown, with a warning naming the Condition.
        case "provisional", "unconfirmed", "differential": present = nil
        case "entered-in-error":
            state.unmapped.append(Unmapped(resource: resource.reference, expression: "\(element.expression).verificationStatus", coding: nil,
                                           reason: "verificationStatus entered-in-error: the Condition is ignored."))
            return
        case let other?:
            throw FHIRIssue(.value, at: statusCodings[0].expression + ".code",
                            "'\(other)' is not a condition-ver-status code (confirmed, provisional, unconfirmed, refuted, entered-in-error, differential).")
        }
        let date = try self.date(element, "recordedDate")
        var lesion = false
        try readCode(resource, date: date, status: status, into: &state) { row, _ in
            guard row.kind == .finding else {
                return [.unmapped("The code maps to a \(row.kind.rawValue) (\(row.target)), which a Condition cannot carry; send it as an Observation.")]
            }
            lesion = lesion || (row.target == "scleroticBoneLesions" && present == true)
            guard let present else {
                return [.notConfirmed(status ?? "", target: "/findings/\(row.target)")]
            }
            return [.value(.bool(present), target: "/findings/\(row.target)")]
        }
        if lesion {
            state.lesionSites.append((resource.reference, "\(element.expression).bodySite", try element.array("bodySite").count, date))
        }
    }

    private func readObservation(_ resource: Resource, into state: inout ReadState) throws(FHIRIssue) {
        let element = resource.element
        guard let status = try element.string("status") else {
            throw FHIRIssue(.required, at: "\(element.expression).status", "Observation.status is required in FHIR R4.")
        }
        switch status {
        case "final", "amended", "corrected", "preliminary", "unknown": break
        case "registered", "cancelled", "entered-in-error":
            state.unmapped.append(Unmapped(resource: resource.reference, expression: "\(element.expression).status", coding: nil,
                                           reason: "status \(status): the Observation holds no usable result."))
            return
        default:
            throw FHIRIssue(.value, at: "\(element.expression).status", "'\(status)' is not an Observation status code.")
        }
        guard try element.object("code") != nil else {
            throw FHIRIssue(.required, at: "\(element.expression).code", "Observation.code is required in FHIR R4.")
        }
        // The clinically relevant time: effective[x] (a period's end, else its start), else issued.
        let period = try element.object("effectivePeriod")
        var date: FHIRDate?
        for (holder, name) in [(element, "effectiveDateTime"), (element, "effectiveInstant"), (period, "end"), (period, "start"), (element, "issued")] where date == nil {
            date = try self.date(holder, name)
        }
        let value = try ObservationValue(element)
        let specimen = try specimenOf(element, state: state)
        let interpretation = ObservationInterpretation(try element.codingsOfEach("interpretation"))
        try readCode(resource, date: date, status: nil, into: &state) { row, _ throws(FHIRIssue) in
            switch row.kind {
            case .finding:
                return [value.presence.map { .value(.bool($0), target: "/findings/\(row.target)") }
                    ?? .notInterpretable("A finding is read from a value of LOINC LA9633-4 Present or LA9634-2 Absent, or a boolean; \(value.describe) was given.",
                                         target: "/findings/\(row.target)")]
            case .lab:
                return [try readLab(LabKind(rawValue: row.target)!, value: value, specimen: specimen, element: element)]
            case .monoclonalProtein:
                let test = TerminologyRow.MonoclonalProteinTest(rawValue: row.target)!
                return [.mProtein(test, .of(test, value: value, interpretation: interpretation, range: try referenceRange(element)))]
            case .boneLesionExtent:
                return [BoneLesionExtentReading.observation(value)]
            case .specimen, .recorded:
                return [.unmapped("The code is known (\(row.display ?? row.target)), but no criterion reads it.")]
            }
        }
    }

    // MARK: - Codes and values

    /// What a mapped coding of a resource yields.
    enum Reading {
        /// `target`: the JSON pointer of the value in the input.
        case value(JSONValue, upperLimit: Double? = nil, reported: String? = nil, target: String)
        case unmapped(String)
        /// A known code whose result cannot be read (unit, value, specimen).
        case notInterpretable(String, target: String)
        /// A Condition provisional, differential or unconfirmed (its status).
        case notConfirmed(String, target: String)
        /// A test looking for a monoclonal protein (``MProteinResult``).
        case mProtein(TerminologyRow.MonoclonalProteinTest, MProteinResult.Outcome)
        /// A finding set from a result, with why (a VEGF of unknown specimen).
        case derived(Bool, why: String, reported: String, target: String)
    }

    /// Looks up the resource's `code` codings and records what each mapped
    /// one yields; the resource goes to `unmapped` when none is mapped.
    func readCode(_ resource: Resource, date: FHIRDate?, status: String?, into state: inout ReadState,
                          _ interpret: (TerminologyRow, FHIRCoding) throws(FHIRIssue) -> [Reading]) throws(FHIRIssue) {
        let element = resource.element
        let codings = try element.codings("code")
        var matched = false
        var done = Set<String>()
        for coding in codings {
            guard let row = terminology.row(system: coding.system, code: coding.code) else { continue }
            matched = true
            let key = "\(row.kind.rawValue):\(row.target)"
            guard done.insert(key).inserted else { continue } // two codings for one concept: read once
            for reading in try interpret(row, coding) {
                switch reading {
                case let .value(value, upperLimit, reported, target):
                    state.candidates.propose(target, .init(
                        value: value, upperLimit: upperLimit,
                        detail: detail(resource, date: date, status: status, reported: reported, evidence: row.evidence), date: date,
                        resourceType: resource.type))
                case .unmapped(let reason):
                    state.unmapped.append(Unmapped(resource: resource.reference, expression: coding.expression, coding: coding, reason: reason))
                case let .notInterpretable(reason, target):
                    state.unmapped.append(Unmapped(resource: resource.reference, expression: coding.expression, coding: coding, reason: reason, target: target))
                    state.notes.append(CriterionNote(kind: .notInterpretable, resource: resource.reference, target: target,
                                                     subject: row.display ?? row.target, text: reason))
                case let .notConfirmed(status, target):
                    state.notes.append(CriterionNote(
                        kind: .notConfirmed, resource: resource.reference, target: target, subject: row.display ?? row.target,
                        text: "\(resource.reference) (\(row.display ?? row.target)) has verificationStatus \(status): a finding not yet established is never counted as present, so it is left unassessed until the Condition is confirmed or refuted."))
                case let .mProtein(test, outcome):
                    state.mProtein.append(MProteinResult(
                        test: test, outcome: outcome, detail: detail(resource, date: date, status: status, reported: nil, evidence: row.evidence),
                        date: date, expression: coding.expression))
                case let .derived(flag, why, reported, target):
                    state.candidates.propose(target, .init(
                        value: .bool(flag), detail: detail(resource, date: date, status: status, reported: reported, evidence: row.evidence), date: date,
                        resourceType: resource.type))
                    state.notes.append(CriterionNote(kind: .derived, resource: resource.reference, target: target,
                                                     subject: row.display ?? row.target, text: why))
                }
            }
        }
        if !matched {
            state.unmapped.append(Unmapped(
                resource: resource.reference, expression: "\(element.expression).code", coding: codings.first,
                reason: codings.isEmpty ? "The code has no coding; text is never interpreted."
                    : "No coding of the code is in the terminology map (GET /v1/terminology; an operator adds local codes with `poemsd terminology import`)."))
        }
    }

    private func readLab(_ kind: LabKind, value: ObservationValue, specimen: TerminologyRow.Specimen?, element: FHIRElement) throws(FHIRIssue) -> Reading {
        let resolved: TerminologyRow.Specimen? = kind == .vegfSerum ? .serum : kind == .vegfPlasma ? .plasma : specimen?.known
        let target = Self.pointer(kind, specimen: resolved)
        guard case let .quantity(number, ucum, comparator, reported) = value else {
            return .notInterpretable("A \(kind.rawValue) result is read from a valueQuantity; \(value.describe) was given.", target: target)
        }
        if let comparator {
            return .notInterpretable("The result is given as '\(comparator) \(formatted(number))', a bound rather than a value; it is not used.", target: target)
        }
        let converted: Double
        switch kind.convert(number, ucum: ucum) {
        case .success(let value): converted = value
        case .failure(let problem): return .notInterpretable(problem.reason, target: target)
        }
        let reportedText = "\(reported) → \(formatted(converted)) \(kind.unit)"
        switch kind {
        case .hemoglobin, .platelets, .calcium, .creatinine:
            return .value(.number(converted), reported: reportedText, target: target)
        case .vegf, .vegfSerum, .vegfPlasma:
            let limit = try upperLimit(element, kind: kind)
            guard resolved != nil else {
                return VEGFOfUnknownSpecimen.reading(converted, reported: reportedText, laboratoryLimit: limit, specimen: specimen)
            }
            return .value(.number(converted), upperLimit: limit, reported: reportedText, target: target)
        }
    }

    /// The input value a laboratory result sets; a VEGF of unknown specimen
    /// can only say whether VEGF is elevated.
    static func pointer(_ kind: LabKind, specimen: TerminologyRow.Specimen?) -> String {
        switch kind {
        case .hemoglobin: "/labs/hemoglobinGPerDl"
        case .platelets: "/labs/plateletCount10e9PerL"
        case .calcium: "/labs/calciumMgPerDl"
        case .creatinine: "/labs/creatinineMgPerDl"
        case .vegf, .vegfSerum, .vegfPlasma:
            specimen == .serum ? "/labs/serumVegfPgPerMl" : specimen == .plasma ? "/labs/plasmaVegfPgPerMl" : "/findings/vegfElevated"
        }
    }

    /// The first reference range's `low` and `high` values, when it has any.
    func referenceRange(_ element: FHIRElement) throws(FHIRIssue) -> (low: Double?, high: Double?)? {
        guard let range = try element.array("referenceRange").first else { return nil }
        return (try range.object("low")?.number("value"), try range.object("high")?.number("value"))
    }

    /// The laboratory's upper limit: the `high` of the first reference range
    /// that has one, in a unit that converts; else `nil`.
    private func upperLimit(_ element: FHIRElement, kind: LabKind) throws(FHIRIssue) -> Double? {
        for range in try element.array("referenceRange") {
            guard let high = try range.object("high") else { continue }
            guard let value = try high.number("value") else {
                throw FHIRIssue(.required, at: "\(high.expression).value", "A Quantity needs a value.")
            }
            let ucum = try high.string("system") == Self.ucum ? try high.string("code") : nil
            if case .success(let limit) = kind.convert(value, ucum: ucum), limit > 0 { return limit }
        }
        return nil
    }

    /// The specimen type of an Observation, from its `specimen` reference to
    /// a Specimen in the Bundle (or contained), through the terminology map.
    private func specimenOf(_ element: FHIRElement, state: ReadState) throws(FHIRIssue) -> TerminologyRow.Specimen? {
        guard let reference = try element.object("specimen")?.string("reference") else { return nil }
        var specimen: FHIRElement?
        if reference.hasPrefix("#") {
            specimen = try element.array("contained").first { (try? $0.string("id")) == String(reference.dropFirst()) }
        } else {
            specimen = state.specimens[reference]?.element
        }
        guard let specimen else { return nil }
        for coding in try specimen.codings("type") {
            if let row = terminology.row(system: coding.system, code: coding.code), row.kind == .specimen {
                return TerminologyRow.Specimen(rawValue: row.target)
            }
        }
        return nil
    }

    func date(_ element: FHIRElement?, _ name: String) throws(FHIRIssue) -> FHIRDate? {
        guard let element, let text = try element.string(name) else { return nil }
        guard let date = FHIRDate(text) else {
            throw FHIRIssue(.value, at: "\(element.expression).\(name)", "Not a FHIR date or dateTime (a time needs a time zone).")
        }
        return date
    }

    func detail(_ resource: Resource, date: FHIRDate? = nil, status: String? = nil, reported: String?, evidence: TerminologyRow.Evidence? = nil) -> SourceDetail {
        SourceDetail(resource: resource.reference, date: date?.text, verificationStatus: status, reported: reported, evidence: evidence?.rawValue)
    }
}
