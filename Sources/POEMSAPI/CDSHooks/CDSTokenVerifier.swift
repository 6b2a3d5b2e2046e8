import Foundation
import HTTPServer
import JWTKit
import POEMSStorage

/// Verifies the `Authorization: Bearer <JWT>` of a CDS Hooks call (CDS
/// Hooks 2.0, "Trusting CDS Clients"), with jwt-kit for the signature:
///
/// - the header and the payload name each member once (parsers disagree on
///   which of two values wins), and the header has no `crit` (RFC 7515
///   §4.1.11: poemsd understands no extension, so it must refuse one
///   marked critical);
/// - `alg` is one of the configured algorithms (ES384, RS384; ES256/RS256
///   only when configured), never `none` or an HMAC;
/// - `iss` is a trusted issuer and `kid` one of its keys (from its JWKS
///   file; nothing is fetched), of the type `alg` needs; a `jku` header is
///   accepted only when it is on the issuer's allow-list (`jkuAllowList` in
///   the JWKS file) and is never fetched;
/// - the signature verifies with that one key;
/// - `aud` is the configured public URL of the endpoint called;
/// - `exp`, `iat` (and `nbf`) each lie within a day of now (checked before
///   any arithmetic on them, so that no value, however large, can
///   overflow), are valid with a small leeway, and the lifetime is bounded;
/// - `jti` was not seen before from that issuer (kept in SQLite until `exp`).
///
/// Every failure is a ``Rejection`` whose reason is for the audit trail
/// only; the client gets a bare 401. The token is never logged or stored.
struct CDSTokenVerifier: Sendable {
    /// Why a token was refused: recorded in the audit trail, never answered.
    enum Rejection: String, Error {
        case missing, malformed, algorithm, issuer, keyID = "kid", keyType = "key-type", jku
        case signature, audience, expired, notYetValid = "not-yet-valid", lifetime, replayed
        case notConfigured = "not-configured"
        case critical = "crit", timeOutOfRange = "time-out-of-range"
    }

    /// What a verified token says.
    struct Claims: Sendable {
        let issuer: String
        let subject: String?
    }

    /// One key of one issuer, as a JWK for each algorithm it may verify.
    private struct TrustedKey: Sendable {
        let jwks: [String: JWK]
    }

    /// How far from now `exp`, `iat` and `nbf` may lie at all: far more
    /// than any valid token's (a lifetime of at most an hour, a leeway of a
    /// minute), far less than would overflow.
    static let plausibleSkewSeconds = 24 * 3600
    /// The most clock leeway applied, whatever is configured.
    static let maximumLeewaySeconds = 3600

    private struct TrustedIssuer: Sendable {
        let keys: [String: TrustedKey]
        let jkuAllowList: Set<String>
    }

    private let issuers: [String: TrustedIssuer]
    private let configuration: CDSConfiguration
    private let store: any CDSStore

    /// Loads every issuer's JWKS file; throws naming the file when one cannot be used.
    init(configuration: CDSConfiguration, store: any CDSStore) throws {
        self.configuration = configuration
        self.store = store
        var issuers: [String: TrustedIssuer] = [:]
        for issuer in configuration.issuers {
            issuers[issuer.issuer] = try Self.load(issuer, algorithms: configuration.algorithms)
        }
        self.issuers = issuers
    }

    struct ConfigurationError: Error, CustomStringConvertible {
        let description: String
    }

    private static func load(_ issuer: CDSConfiguration.Issuer, algorithms: Set<String>) throws -> TrustedIssuer {
        guard let data = FileManager.default.contents(atPath: issuer.jwksPath),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let keys = document["keys"] as? [[String: Any]] else {
            throw ConfigurationError(description: "cannot read a JSON Web Key Set ({\"keys\": [...]}) from \(issuer.jwksPath) for issuer \(issuer.issuer)")
        }
        var trusted: [String: TrustedKey] = [:]
        for key in keys {
            guard let kid = key["kid"] as? String, !kid.isEmpty else {
                throw ConfigurationError(description: "\(issuer.jwksPath): every key needs a kid")
            }
            guard key["d"] == nil else {
                throw ConfigurationError(description: "\(issuer.jwksPath): key \(kid) holds a private key; give only the public key set")
            }
            var jwks: [String: JWK] = [:]
            for algorithm in algorithms where Self.keyFits(key, algorithm: algorithm) {
                var jwk = try JSONDecoder().decode(JWK.self, from: JSONSerialization.data(withJSONObject: key))
                jwk.algorithm = JWK.Algorithm(rawValue: algorithm)
                jwks[algorithm] = jwk
            }
            trusted[kid] = TrustedKey(jwks: jwks)
        }
        return TrustedIssuer(keys: trusted, jkuAllowList: Set(document["jkuAllowList"] as? [String] ?? []))
    }

    /// Whether the JWK can verify `algorithm`: RSA for RS*, EC on the
    /// matching curve for ES*, and its own `alg`, when given, the same.
    private static func keyFits(_ key: [String: Any], algorithm: String) -> Bool {
        if let own = key["alg"] as? String, own != algorithm { return false }
        if let use = key["use"] as? String, use != "sig" { return false }
        switch algorithm {
        case "RS256", "RS384": return key["kty"] as? String == "RSA"
        case "ES256": return key["kty"] as? String == "EC" && key["crv"] as? String == "P-256"
        case "ES384": return key["kty"] as? String == "EC" && key["crv"] as? String == "P-384"
        default: return false
        }
    }

    /// The claims of the payload poemsd checks.
    private struct Payload: JWTPayload {
        let iss: String
        let aud: AudienceClaim
        let exp: Int
        let iat: Int
        let nbf: Int?
        let jti: String
        let sub: String?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// Verifies `authorization` (the header's value) for a call to the
    /// endpoint at `audiences` (the public URL plus the path; for feedback
    /// also the service's URL).
    func verify(authorization: String?, audiences: [String], now: Date = Date()) async throws(Rejection) -> Claims {
        guard configuration.publicURL != nil, !issuers.isEmpty else { throw .notConfigured }
        guard let authorization, let token = BearerCredentials.token(in: authorization).map(String.init),
              token.utf8.count <= 16_384 else { throw .missing }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let header = try Self.decodeSegment(parts[0]), let unverified = try Self.decodeSegment(parts[1]) else { throw .malformed }
        guard header["crit"] == nil else { throw .critical }
        guard let algorithm = header["alg"] as? String, configuration.algorithms.contains(algorithm) else { throw .algorithm }
        guard let issuerName = unverified["iss"] as? String, let issuer = issuers[issuerName] else { throw .issuer }
        guard let kid = header["kid"] as? String, let key = issuer.keys[kid] else { throw .keyID }
        if let jku = header["jku"] {
            guard let jku = jku as? String, issuer.jkuAllowList.contains(jku) else { throw .jku }
        }
        guard let jwk = key.jwks[algorithm] else { throw .keyType }
        let payload: Payload
        do {
            // A collection holding this one key: jwt-kit falls back to its
            // default key for an unknown kid, so the kid was checked above.
            let collection = JWTKeyCollection()
            try await collection.add(jwk: jwk)
            payload = try await collection.verify(token, as: Payload.self)
        } catch {
            throw .signature
        }
        guard payload.iss == issuerName else { throw .issuer }
        guard payload.aud.value.contains(where: audiences.contains) else { throw .audience }
        let seconds = Int(now.timeIntervalSince1970), leeway = min(max(configuration.clockLeewaySeconds, 0), Self.maximumLeewaySeconds)
        let plausible = (seconds - Self.plausibleSkewSeconds)...(seconds + Self.plausibleSkewSeconds)
        guard [payload.exp, payload.iat, payload.nbf ?? seconds].allSatisfy(plausible.contains) else { throw .timeOutOfRange }
        guard payload.exp + leeway >= seconds else { throw .expired }
        guard payload.iat - leeway <= seconds, (payload.nbf ?? 0) - leeway <= seconds else { throw .notYetValid }
        guard payload.exp > payload.iat, payload.exp - payload.iat <= configuration.maximumTokenLifetimeSeconds else { throw .lifetime }
        guard !payload.jti.isEmpty, payload.jti.utf8.count <= 256 else { throw .malformed }
        let fresh: Bool
        do {
            fresh = try await store.claimTokenID(issuer: issuerName, jti: payload.jti, expiresAt: payload.exp + leeway, now: seconds)
        } catch {
            throw .replayed // fail closed: a token whose id cannot be recorded is not accepted
        }
        guard fresh else { throw .replayed }
        return Claims(issuer: issuerName, subject: payload.sub)
    }

    /// A base64url JSON object segment, or `nil`; refused (`malformed`)
    /// when an object in it names a member twice, or exceeds the limits of
    /// a request body (``JSONLimits``).
    private static func decodeSegment(_ segment: Substring) throws(Rejection) -> [String: Any]? {
        guard let bytes = Base64URL.decode(String(segment)) else { return nil }
        do { try JSONLimits().check(bytes) } catch { throw .malformed }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
