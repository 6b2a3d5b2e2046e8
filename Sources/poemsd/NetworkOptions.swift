import ArgumentParser
import Foundation
import HTTPServer

/// How `serve` meets its clients: HTTPS, proxies in front, browsers, the
/// `Server` field.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Serve HTTPS with this PEM certificate (chain); needs --tls-key. TLS 1.2 and 1.3. [env: POEMSD_TLS_CERT]")
    var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert (unencrypted). [env: POEMSD_TLS_KEY]")
    var tlsKey: String?
    @Option(help: "Trust X-Forwarded-For / Forwarded from peers in this CIDR (repeatable; 10.0.0.0/8, ::1). [env: POEMSD_TRUSTED_PROXIES, comma-separated]")
    var trustedProxy: [String] = []
    @Option(help: "Allow browser requests from this origin (repeatable; https://app.example.org, or *). [env: POEMSD_CORS_ORIGINS, comma-separated] (default: none)")
    var corsOrigin: [String] = []
    @Flag(name: .customLong("no-server-header"), help: "Send no Server header (it names poemsd and its version). [env: POEMSD_NO_SERVER_HEADER]")
    var noServerHeader = false
    @Flag(name: .customLong("allow-untested-libmicrohttpd"),
          help: "Start on a libmicrohttpd release the transport's workarounds were not tested on (docs/transport-workarounds.md), with a warning, instead of refusing to. [env: POEMSD_ALLOW_UNTESTED_LIBMICROHTTPD]")
    var allowUntestedLibmicrohttpd = false

    func apply(to http: inout HTTPServerConfiguration) throws {
        let certificate = tlsCert ?? Environment.string("POEMSD_TLS_CERT")
        let key = tlsKey ?? Environment.string("POEMSD_TLS_KEY")
        switch (certificate, key) {
        case (nil, nil): http.tls = nil
        case let (certificate?, key?):
            http.tls = TLSConfiguration(certificatePEM: try Self.readPEM(certificate, "certificate"), privateKeyPEM: try Self.readPEM(key, "private key"))
        default: throw ValidationError("--tls-cert and --tls-key go together")
        }

        let proxies = trustedProxy.isEmpty ? Self.list(Environment.string("POEMSD_TRUSTED_PROXIES")) : trustedProxy
        http.trustedProxies = try proxies.map { text in
            guard let network = IPNetwork(text) else { throw ValidationError("--trusted-proxy '\(text)' is not an address or CIDR network") }
            return network
        }

        let origins = corsOrigin.isEmpty ? Self.list(Environment.string("POEMSD_CORS_ORIGINS")) : corsOrigin
        for origin in origins where origin != "*" {
            guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil,
                  url.path.isEmpty, !origin.hasSuffix("/") else {
                throw ValidationError("--cors-origin '\(origin)' must be an origin: scheme://host[:port], no path")
            }
        }
        http.cors = origins.isEmpty ? nil : CORSPolicy(allowedOrigins: origins)

        if try noServerHeader || (Environment.bool("POEMSD_NO_SERVER_HEADER") ?? false) { http.serverHeader = nil }
        http.allowUntestedLibrary = try allowUntestedLibmicrohttpd || (Environment.bool("POEMSD_ALLOW_UNTESTED_LIBMICROHTTPD") ?? false)
    }

    private static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func readPEM(_ path: String, _ what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the TLS \(what) \(path)")
        }
        guard let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN ") else {
            throw ValidationError("the TLS \(what) \(path) is not PEM")
        }
        return text
    }
}
