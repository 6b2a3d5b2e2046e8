/// The strict hand-written reader of a case: the request body of
/// `POST /v1/evaluations` (and the case input inside `POST /v1/cases`)
/// read straight from its bytes, without Foundation's `JSONDecoder`.
///
/// It accepts exactly what the `Decodable` conformances of ``CaseInput``,
/// ``Patient``, ``Findings`` and ``Labs`` accept, and refuses everything else
/// with the same `DecodingError` (case, expected type, coding path and
/// message: unknown fields with "Did you mean", wrong types, unknown enum
/// values, values outside their unit's physiological range, contradictions),
/// so the problem the HTTP layer answers is the same. The tests check the
/// two against each other on every fixture and a generated corpus
/// (`CaseInputReaderEquivalenceTests`).
///
/// ```swift
/// let input = try CaseInputReader.read(Array(#"{"findings": {"polyneuropathy": true}}"#.utf8))
/// ```
public enum CaseInputReader {
    /// The case in `bytes`, a JSON document.
    ///
    /// - throws: `DecodingError.dataCorrupted` with an empty coding path when
    ///   `bytes` is not JSON (RFC 8259), or not UTF-8 (where `JSONDecoder`
    ///   would guess UTF-16 or UTF-32); otherwise the error the `Decodable`
    ///   path throws for the first problem, at its coding path.
    public static func read(_ bytes: [UInt8]) throws(DecodingError) -> CaseInput {
        try withDocument(bytes) { root, document throws(DecodingError) in
            let object = try InputObject(root, at: [], in: document, names: CaseInput.inputKeys, objectName: "the request body")
            return try CaseInput(patient: object.patient(.patient), findings: object.findings(.findings), labs: object.labs(.labs))
        }
    }

    /// Reads an object that carries the members of a case input among
    /// others (a case submission adds `patientRef` and `note`), keyed by
    /// `Keys`: `body` receives the object, its members matched and unknown
    /// ones refused, and reads what it needs with ``InputMembers``.
    public static func read<Keys: CodingKey & CaseIterable & Equatable & Sendable, T>(
        _ bytes: [UInt8], keys: Keys.Type, objectName: String,
        _ body: (InputMembers<Keys>) throws(DecodingError) -> T) throws(DecodingError) -> T where Keys.AllCases == [Keys]
    {
        try withDocument(bytes) { root, document throws(DecodingError) in
            let object = try InputObject(root, at: [], in: document, names: InputKeyNames<Keys>(), objectName: objectName)
            return try body(InputMembers(object: object))
        }
    }

    /// Whether `JSONDecoder` would read `bytes` as UTF-16 or UTF-32: a byte
    /// order mark of either, or a NUL among the first four bytes. The reader
    /// refuses such a body as malformed.
    public static func looksLikeUTF16OrUTF32(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.prefix(4).contains(0)
    }

    /// `body` on the document in `bytes` (UTF-8; a byte order mark is
    /// ignored): its structure, scanned whole, and its bytes, whose strings
    /// and numbers are checked as they are read. Also how a FHIR Bundle is
    /// parsed (`JSONValue.parse`). A body that is not JSON is
    /// `InputDocument.malformed`.
    package static func withDocument<T>(
        _ bytes: [UInt8], _ body: (InputJSON, InputDocument) throws(DecodingError) -> T) throws(DecodingError) -> T
    {
        let result: Result<T, DecodingError> = bytes.withUnsafeBufferPointer { whole in
            // RFC 8259 §8.1: UTF-8 only; a byte order mark may be ignored.
            // (JSONDecoder also guesses UTF-16 and UTF-32: refused here.)
            if looksLikeUTF16OrUTF32(bytes) { return .failure(InputDocument.malformed) }
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let buffer = whole.starts(with: bom) ? UnsafeBufferPointer(rebasing: whole.dropFirst(3)) : whole
            let root: InputJSON
            do {
                root = try InputJSONParser.parse(buffer)
            } catch {
                return .failure(InputDocument.malformed)
            }
            do throws(DecodingError) {
                return .success(try body(root, InputDocument(buffer)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// The members of a request object read by
/// ``CaseInputReader/read(_:keys:objectName:_:)``: strings, and the parts of
/// a case input, each refused as its `Decodable` conformance would.
public struct InputMembers<Keys: CodingKey & CaseIterable & Equatable & Sendable> where Keys.AllCases == [Keys] {
    let object: InputObject<Keys>

    /// `decodeIfPresent(String.self, forKey:)`.
    public func string(_ key: Keys) throws(DecodingError) -> String? { try object.string(key) }
    /// `decodeIfPresent(Patient.self, forKey:)`.
    public func patient(_ key: Keys) throws(DecodingError) -> Patient? { try object.patient(key) }
    /// `decode(Findings.self, forKey:)`: required.
    public func findings(_ key: Keys) throws(DecodingError) -> Findings { try object.findings(key) }
    /// `decodeIfPresent(Labs.self, forKey:)`.
    public func labs(_ key: Keys) throws(DecodingError) -> Labs? { try object.labs(key) }
    /// `DecodingError.dataCorruptedError(forKey:in:debugDescription:)`.
    public func corrupted(_ key: Keys, _ message: String) -> DecodingError { object.corrupted(key, message) }
}

extension CaseInput {
    static let inputKeys = InputKeyNames<CodingKeys>()
}

extension InputObject {
    /// A member holding an object: `nil` when absent or `null`.
    func nested<NestedKeys>(_ key: Keys, names: InputKeyNames<NestedKeys>, objectName: String) throws(DecodingError)
        -> InputObject<NestedKeys>?
    {
        guard let value = value(key) else { return nil }
        if case .null = value { return nil }
        return try InputObject<NestedKeys>(value, at: path(key), in: document, names: names, objectName: objectName)
    }

    /// `decodeIfPresent(Patient.self, forKey:)`.
    func patient(_ key: Keys) throws(DecodingError) -> Patient? {
        guard let object = try nested(key, names: Patient.inputKeys, objectName: "patient") else { return nil }
        let patient = Patient(sex: try object.strictEnum(Sex.self, .sex, fieldName: "sex"), ageYears: try object.double(.ageYears))
        if let message = patient.ageProblem { throw object.corrupted(.ageYears, message) }
        return patient
    }

    /// `decode(Findings.self, forKey:)`: absent is `keyNotFound`, `null` is
    /// `valueNotFound`.
    func findings(_ key: Keys) throws(DecodingError) -> Findings {
        guard let value = value(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: path, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        let object = try InputObject<Findings.CodingKeys>(value, at: path(key), in: document, names: Findings.inputKeys, objectName: "findings")
        return try Findings(reading: object)
    }

    /// `decodeIfPresent(Labs.self, forKey:)`.
    func labs(_ key: Keys) throws(DecodingError) -> Labs? {
        guard let object = try nested(key, names: Labs.inputKeys, objectName: "labs") else { return nil }
        return try Labs(reading: object)
    }
}

extension Patient {
    static let inputKeys = InputKeyNames<CodingKeys>()
}
