import ArgumentParser
import HTTPServer

struct Healthcheck: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Probe a running server's /readyz (as the container's HEALTHCHECK does); exit 0 when it answers 200.")

    @Option(help: "Host of the server. [env: POEMSD_HOST] (default: 127.0.0.1)")
    var host: String?
    @Option(help: "Port of the server. [env: POEMSD_PORT] (default: 8080)")
    var port: Int?
    @Option(help: "Path to probe: /readyz (ready to serve) or /healthz (the process answers).")
    var path = "/readyz"

    func run() throws {
        let host = host ?? Environment.string("POEMSD_HOST") ?? "127.0.0.1"
        let port = try port ?? Environment.int("POEMSD_PORT") ?? 8080
        // A server bound to every address is probed on loopback.
        let target = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        let status = HTTPProbe.status(host: target, port: port, path: path)
        print(status.map { "\(path): \($0)" } ?? "\(path): no answer")
        if status != 200 { throw ExitCode.failure }
    }
}
