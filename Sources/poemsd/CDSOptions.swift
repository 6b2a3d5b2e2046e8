import ArgumentParser
import Foundation
import POEMSAPI

/// CDS Hooks options of `poemsd serve`.
struct CDSOptions: ParsableArguments {
    @Option(help: "The base URL EHRs call (https://poemsd.example.org); a CDS token's aud must be this plus the endpoint's path. [env: POEMSD_PUBLIC_URL]")
    var publicUrl: String?

    @Option(help: ArgumentHelp("A trusted CDS Hooks issuer and its JSON Web Key Set file; repeatable. [env: POEMSD_CDS_ISSUERS, comma-separated]",
                               valueName: "ISSUER=JWKS_FILE"))
    var cdsIssuer: [String] = []

    @Flag(help: "Also accept ES256 and RS256 tokens (CDS Hooks asks for ES384 or RS384). [env: POEMSD_CDS_ALLOW_SHA256]")
    var cdsAllowSha256 = false

    func apply(to configuration: inout CDSConfiguration) throws {
        if let url = publicUrl ?? Environment.string("POEMSD_PUBLIC_URL") {
            guard let parsed = URL(string: url), ["https", "http"].contains(parsed.scheme ?? ""), parsed.host != nil,
                  parsed.query == nil, parsed.fragment == nil else {
                throw ValidationError("--public-url must be an absolute http(s) URL without query or fragment, got '\(url)'")
            }
            configuration.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        let arguments = cdsIssuer.isEmpty
            ? (Environment.string("POEMSD_CDS_ISSUERS")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
            : cdsIssuer
        configuration.issuers = try arguments.map { argument in
            guard let issuer = CDSConfiguration.Issuer(argument: argument) else {
                throw ValidationError("--cds-issuer takes ISSUER=JWKS_FILE, got '\(argument)'")
            }
            return issuer
        }
        if try cdsAllowSha256 || (Environment.bool("POEMSD_CDS_ALLOW_SHA256") ?? false) {
            configuration.algorithms.formUnion(CDSConfiguration.optionalAlgorithms)
        }
        if !configuration.issuers.isEmpty, configuration.publicURL == nil {
            throw ValidationError("--cds-issuer needs --public-url: a token's aud is checked against it")
        }
    }
}
