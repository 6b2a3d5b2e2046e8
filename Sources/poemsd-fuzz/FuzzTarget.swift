import CFuzzerDriver
import Foundation
import HTTPServer
import POEMSCriteria
import POEMSFHIR

/// What the fuzzer runs on each input (issue 16): the request decoding of
/// `POST /v1/evaluations` and `POST /v1/cases` and the evaluation, with
/// nothing of the network or the database.
///
/// 1. The JSON limits (depth, string length, repeated members), as the
///    HTTP layer checks every JSON body first.
/// 2. The body as the service's own JSON, read by the strict hand-written
///    reader (``CaseInputReader``) and, as an oracle, by the `Decodable`
///    path it replaced: the two must give the same value or the same problem
///    (status, type, pointer, detail), or the target stops with both
///    (except for UTF-16 and UTF-32 bodies, which only `JSONDecoder` reads).
/// 3. A case that reads is evaluated under every criteria set.
/// 4. The body as a FHIR R4 Bundle (`application/fhir+json`), read by
///    POEMSFHIR's ``BundleReader``; a Bundle that reads is evaluated too.
///
/// A crash, a sanitizer report or a disagreement is a bug: libFuzzer keeps
/// the input (`crash-…`), which becomes a regression test
/// (`FuzzRegressionTests`).
enum FuzzTarget {
    static let engine = CriteriaEngine()
    /// A fixed evaluation date, so that ages from birth dates repeat.
    static let bundles = BundleReader(terminology: .seeded(), evaluationDate: Date(timeIntervalSince1970: 1_795_000_000))

    static func run(_ bytes: [UInt8]) {
        let request = HTTPRequest(method: "POST", path: "/v1/evaluations", headers: ["Content-Type": "application/json"], body: bytes)
        let reader = Outcome { () throws(ProblemDetails) in try request.decodeJSON(reader: CaseInputReader.read) }
        let decodable = Outcome { () throws(ProblemDetails) in try request.decodeJSON(CaseInput.self) }
        // The one deliberate difference: JSONDecoder reads UTF-16 and UTF-32; the reader refuses them.
        let deliberate = CaseInputReader.looksLikeUTF16OrUTF32(bytes) && reader.problem.first == ProblemDetails.typeURI("malformed-json")
        guard reader == decodable || deliberate else {
            fatalError("the strict reader and the Decodable path disagree: \(reader) vs \(decodable)")
        }
        if let input = reader.value {
            evaluate(input, headline: bytes.count)
        }
        if (try? request.jsonLimits.check(bytes)) != nil, let findings = try? bundles.read(Data(bytes)) {
            evaluate(findings.input, headline: bytes.count)
        }
    }

    /// Evaluates `input`; the headline set varies with `seed`.
    private static func evaluate(_ input: CaseInput, headline seed: Int) {
        let headline = CriteriaSetID.allCases[seed % CriteriaSetID.allCases.count]
        let report = engine.evaluate(input, headline: headline)
        precondition(report.evaluations.count == CriteriaSetID.allCases.count, "a criteria set was not evaluated")
    }

    /// A decoded case, or the problem's members.
    struct Outcome: Equatable, CustomStringConvertible {
        var value: CaseInput?
        var problem: [String?] = []

        init(_ decode: () throws(ProblemDetails) -> CaseInput) {
            do throws(ProblemDetails) {
                value = try decode()
            } catch {
                problem = [error.type, String(error.status), error.detail, error.pointer]
            }
        }

        var description: String { value.map { "\($0)" } ?? problem.map { $0 ?? "nil" }.joined(separator: " | ") }
    }
}

/// The executable: with `-DFUZZING` (scripts/fuzz.sh, built with
/// `-sanitize=fuzzer`), libFuzzer's driver with ``FuzzTarget/run(_:)`` as its
/// callback and the command line as its options; otherwise it runs each file
/// named on the command line through the same target (to replay a crash in
/// an ordinary build).
@main
enum FuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzTarget.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("poemsd-fuzz: cannot read \(path)\n".utf8))
                exit(1)
            }
            FuzzTarget.run(Array(data))
            print("\(path): ok")
        }
        #endif
    }
}
