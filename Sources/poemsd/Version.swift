import ArgumentParser
import POEMSAPI

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() { print("poemsd \(ServiceVersion.current)") }
}
