import Foundation
import HTTPServer
import POEMSCriteria
import Testing
@testable import POEMSAPI

/// The strict hand-written reader (``CaseInputReader``, the hot path of
/// `POST /v1/evaluations` and of case submissions) against the `Decodable`
/// path it replaced, on every fixture, hand-picked edge cases and a
/// generated corpus of valid and invalid documents (``InputCorpus``): the same
/// value, or the same error, and through the HTTP layer the same problem
/// (status, type, pointer, detail).
///
/// One deliberate difference: `JSONDecoder` guesses UTF-16 and UTF-32 bodies
/// and reads them; the reader takes UTF-8 only (RFC 8259 §8.1) and refuses
/// them as malformed JSON.
@Suite("Strict request reader ≡ Decodable")
struct CaseInputReaderEquivalenceTests {
    static let corpus = InputCorpus.all()

    @Test func corpusHasValidAndInvalidDocumentsOfEveryKind() {
        let outcomes = Self.corpus.map { Outcome(decodingWith: { try JSONDecoder().decode(CaseInput.self, from: Data($0)) }, $0.bytes) }
        let kinds = Set(outcomes.map(\.kind))
        // Every kind of outcome occurs, so the comparisons below compare something.
        #expect(kinds.isSuperset(of: ["value", "malformed", "dataCorrupted", "typeMismatch", "keyNotFound", "valueNotFound"]))
        #expect(outcomes.filter { $0.kind == "value" }.count > 100)
    }

    @Test func readerGivesTheDecodableValueOrError() {
        for (name, bytes) in Self.corpus {
            let expected = Outcome(decodingWith: { try JSONDecoder().decode(CaseInput.self, from: Data($0)) }, bytes)
            let actual = Outcome(decodingWith: { try CaseInputReader.read($0) }, bytes)
            if CaseInputReader.looksLikeUTF16OrUTF32(bytes) {
                #expect(actual.kind == "malformed", "\(name)")
                continue
            }
            #expect(actual == expected, "\(name): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func evaluationRequestsGetTheSameProblem() {
        for (name, bytes) in Self.corpus {
            let request = HTTPRequest(method: "POST", path: "/v1/evaluations", headers: ["Content-Type": "application/json"], body: bytes)
            let expected = ProblemOutcome { () throws(ProblemDetails) in try request.decodeJSON(CaseInput.self) }
            let actual = ProblemOutcome { () throws(ProblemDetails) in try request.decodeJSON(reader: CaseInputReader.read) }
            #expect(actual == expected || CaseInputReader.looksLikeUTF16OrUTF32(bytes) && actual.isMalformed, "\(name): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func caseSubmissionsGetTheSameValueOrProblem() {
        for (name, bytes) in Self.corpus {
            let request = HTTPRequest(method: "POST", path: "/v1/cases", headers: ["Content-Type": "application/json"], body: bytes)
            let expected = ProblemOutcome { () throws(ProblemDetails) in try SubmissionValue(request.decodeJSON(CaseSubmission.self)) }
            let actual = ProblemOutcome { () throws(ProblemDetails) in try SubmissionValue(request.decodeJSON(reader: CaseSubmission.read)) }
            #expect(actual == expected || CaseInputReader.looksLikeUTF16OrUTF32(bytes) && actual.isMalformed, "\(name): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func utf16AndUTF32AreRefusedAsMalformed() throws {
        let utf16 = Array(#"{"findings": {}}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: DecodingError.self) { try CaseInputReader.read(utf16) }
        #expect(try JSONDecoder().decode(CaseInput.self, from: Data(utf16)) == CaseInput())
        // A UTF-8 byte order mark is ignored (RFC 8259 §8.1 allows it).
        #expect(try CaseInputReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"findings": {}}"#.utf8)) == CaseInput())
    }
}

/// What reading a document gave: the value, or the error as the HTTP layer sees it.
private struct Outcome: Equatable {
    var kind: String
    var value: CaseInput?
    var pointer = ""
    /// The expected type of a type mismatch or missing value (it names the problem).
    var type = ""
    var message = ""

    init(decodingWith decode: ([UInt8]) throws -> CaseInput, _ bytes: [UInt8]) {
        do {
            value = try decode(bytes)
            kind = "value"
        } catch let error as DecodingError {
            func pointer(_ path: [any CodingKey]) -> String { JSONPointer(path).description }
            switch error {
            case .dataCorrupted(let context) where context.codingPath.isEmpty:
                kind = "malformed"  // one message whatever the parser says
            case .dataCorrupted(let context):
                (kind, self.pointer, message) = ("dataCorrupted", pointer(context.codingPath), context.debugDescription)
            case .typeMismatch(let type, let context):
                // The HTTP layer names the expected type, not Foundation's wording.
                (kind, self.pointer, self.type) = ("typeMismatch", pointer(context.codingPath), String(describing: type))
            case .valueNotFound(let type, let context):
                (kind, self.pointer, self.type) = ("valueNotFound", pointer(context.codingPath), String(describing: type))
            case .keyNotFound(let key, let context):
                (kind, self.pointer) = ("keyNotFound", pointer(context.codingPath + [key]))
            @unknown default:
                kind = "unknown"
            }
        } catch {
            kind = "not a DecodingError: \(error)"
        }
    }
}

/// A case submission's fields, comparable.
private struct SubmissionValue: Equatable {
    var patientRef: String?
    var note: String?
    var input: CaseInput

    init(_ submission: CaseSubmission) {
        (patientRef, note, input) = (submission.patientRef, submission.note, submission.input)
    }
}

/// What the HTTP layer made of a body: the value, or the problem's members.
private struct ProblemOutcome<Value: Equatable>: Equatable {
    var value: Value?
    var problem: [String?] = []

    var isMalformed: Bool { problem.first == ProblemDetails.typeURI("malformed-json") }

    init(_ body: () throws(ProblemDetails) -> Value) {
        do throws(ProblemDetails) {
            value = try body()
        } catch {
            problem = [error.type, error.title, String(error.status), error.detail, error.pointer]
        }
    }
}
