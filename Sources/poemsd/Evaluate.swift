import ArgumentParser
import FastJSON
import Foundation
import HTTPServer
import POEMSAPI
import POEMSClinical
import POEMSCriteria

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a case from a JSON file (or - for standard input) without a server; print the same JSON as POST /v1/evaluations, byte for byte.")

    @Argument(help: "The request body: a JSON file, or - for standard input.")
    var file: String
    @Option(help: "Headline criteria set: dispenzieri-2003, imwg-2014 or suichi-2019. [env: POEMSD_DEFAULT_CRITERIA] (default: imwg-2014)")
    var criteria: String?
    @Option(help: "Long sections to add, as ?include= does: treatmentEvidence.")
    var include: [String] = []
    @OptionGroup var clinical: ClinicalOptions

    func run() throws {
        let data = try file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : Self.read(file)
        let request = HTTPRequest(method: "POST", path: "/v1/evaluations", headers: ["Content-Type": "application/json"], body: Array(data))
        let service = try EvaluationService(settings: clinical.settings(), defaultCriteriaSet: clinical.defaultCriteriaSet(criteria))
        do {
            let sections = try include.map { name in
                guard let section = IncludeQuery(rawValue: name) else {
                    throw ValidationError("unknown section '\(name)'; known: \(IncludeQuery.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return section
            }
            let input = try request.decodeJSON(reader: CaseInputReader.read)
            let body = service.evaluateJSON(input, includeTreatmentEvidence: sections.contains(.treatmentEvidence))
            FileHandle.standardOutput.write(Data(body + [UInt8(ascii: "\n")]))
        } catch let problem as ProblemDetails {
            // The same problem document the API would answer, on standard error.
            let body = try JSONCoding.prettyEncoder.encode(problem.prefixed(ServiceConfiguration.problemTypePrefix))
            FileHandle.standardError.write(body + Data("\n".utf8))
            throw ExitCode(2)
        }
    }

    /// The file's bytes, or a one-line reason it cannot be read.
    private static func read(_ path: String) throws -> Data {
        if let data = FileManager.default.contents(atPath: path) { return data }
        var isDirectory: ObjCBool = false
        let reason = !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) ? "no such file"
            : isDirectory.boolValue ? "it is a directory" : "permission denied"
        FileHandle.standardError.write(Data("poemsd evaluate: cannot read \(path): \(reason)\n".utf8))
        throw ExitCode(1)
    }
}
