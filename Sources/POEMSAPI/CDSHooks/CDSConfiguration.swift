/// CDS Hooks settings of `poemsd serve`.
public struct CDSConfiguration: Sendable {
    /// The base URL EHRs call (`--public-url`, `POEMSD_PUBLIC_URL`), without
    /// a trailing slash: a token's `aud` must be this plus the endpoint's
    /// path, never anything derived from the Host header. Without it every
    /// CDS call is refused.
    public var publicURL: String?
    /// Trusted issuers, each with its JSON Web Key Set file
    /// (`--cds-issuer ISSUER=JWKS_FILE`, `POEMSD_CDS_ISSUERS`).
    public var issuers: [Issuer] = []
    /// Accepted `alg` values: ES384 and RS384 (CDS Hooks 2.0); ES256 and
    /// RS256 only when configured. Never `none` or an HMAC.
    public var algorithms: Set<String> = ["ES384", "RS384"]
    /// Seconds of clock skew allowed on `exp`, `iat` and `nbf`.
    public var clockLeewaySeconds = 60
    /// Longest lifetime accepted between `iat` and `exp` (CDS Hooks: five minutes or less).
    public var maximumTokenLifetimeSeconds = 3600

    /// One trusted issuer.
    public struct Issuer: Sendable, Equatable {
        public var issuer: String
        public var jwksPath: String

        public init(issuer: String, jwksPath: String) {
            self.issuer = issuer
            self.jwksPath = jwksPath
        }

        /// Parses `ISSUER=JWKS_FILE`; the issuer may itself hold `=`, so the
        /// last `=` separates them.
        public init?(argument: String) {
            guard let separator = argument.lastIndex(of: "=") else { return nil }
            let issuer = String(argument[..<separator]), path = String(argument[argument.index(after: separator)...])
            guard !issuer.isEmpty, !path.isEmpty else { return nil }
            self.init(issuer: issuer, jwksPath: path)
        }
    }

    /// The weaker algorithms allowed on request, beside the ES384 and RS384
    /// CDS Hooks names.
    public static let optionalAlgorithms: Set<String> = ["ES256", "RS256"]

    public init() {}
}
