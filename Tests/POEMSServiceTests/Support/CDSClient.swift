import Crypto
import CryptoExtras
import Foundation
import JWTKit
import POEMSAPI
import POEMSStorage

/// An EHR for the CDS Hooks tests: an ES384 and an RS384 key, their JSON
/// Web Key Set in a file, and tokens signed as CDS Hooks 2.0 asks.
struct TestEHR: Sendable {
    static let issuer = "https://ehr.test"
    static let publicURL = "https://poemsd.test"

    let ecKey: ES384PrivateKey
    /// The same key as swift-crypto's, to sign hand-made tokens.
    let ecSigningKey: P384.Signing.PrivateKey
    let rsaKey: JWTKit.Insecure.RSA.PrivateKey
    let directory: URL
    var jwksPath: String { directory.appendingPathComponent("jwks.json").path }

    init() throws {
        ecSigningKey = P384.Signing.PrivateKey()
        ecKey = try ES384PrivateKey(backing: ecSigningKey)
        rsaKey = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("poemsd-ehr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: ["keys": [publicEC, publicRSA]]).write(to: URL(fileURLWithPath: jwksPath))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// base64 → base64url.
    static func url(_ base64: String) -> String {
        base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    var publicEC: [String: Any] {
        let parameters = ecKey.publicKey.parameters!
        return ["kty": "EC", "crv": "P-384", "kid": "ec-1", "use": "sig", "x": Self.url(parameters.x), "y": Self.url(parameters.y)]
    }

    var publicRSA: [String: Any] {
        let primitives = try! rsaKey.publicKey.getKeyPrimitives()
        return ["kty": "RSA", "kid": "rsa-1", "n": Self.url(primitives.modulus.base64EncodedString()),
                "e": Self.url(primitives.publicExponent.base64EncodedString())]
    }

    /// The service configured to trust this EHR.
    func configure(_ configuration: inout ServiceConfiguration) {
        configuration.cds.publicURL = Self.publicURL
        configuration.cds.issuers = [.init(issuer: Self.issuer, jwksPath: jwksPath)]
    }

    struct Claims: JWTPayload {
        var iss = TestEHR.issuer
        var aud = TestEHR.publicURL + "/cds-services/poems-syndrome"
        var exp = Int(Date().timeIntervalSince1970) + 300
        var iat = Int(Date().timeIntervalSince1970)
        var nbf: Int?
        var jti = UUID().uuidString
        var sub = "client-1"

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    enum Algorithm { case es384, rs384 }

    /// A signed token; `jku` and `crit`, when given, go in its header.
    func token(_ claims: Claims = Claims(), algorithm: Algorithm = .es384, kid: String? = nil, jku: String? = nil,
               crit: [String]? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        var header = JWTHeader()
        if let jku { header.jku = jku }
        if let crit { header.crit = crit }
        switch algorithm {
        case .es384:
            await keys.add(ecdsa: ecKey, kid: JWKIdentifier(string: kid ?? "ec-1"))
            return try await keys.sign(claims, kid: JWKIdentifier(string: kid ?? "ec-1"), header: header)
        case .rs384:
            await keys.add(rsa: rsaKey, digestAlgorithm: .sha384, kid: JWKIdentifier(string: kid ?? "rsa-1"))
            return try await keys.sign(claims, kid: JWKIdentifier(string: kid ?? "rsa-1"))
        }
    }

    /// A token with a hand-made header, signed by `sign` over `header.payload`.
    static func handMade(header: [String: Any], claims: Claims = Claims(), sign: ([UInt8]) throws -> [UInt8]) throws -> String {
        try handMade(headerJSON: Array(JSONSerialization.data(withJSONObject: header)), payloadJSON: Array(JSONEncoder().encode(claims)), sign: sign)
    }

    /// A token of exactly these header and payload bytes (which may be
    /// JSON no encoder makes, such as a member named twice), signed by `sign`.
    static func handMade(headerJSON: [UInt8], payloadJSON: [UInt8], sign: ([UInt8]) throws -> [UInt8]) throws -> String {
        let head = Base64URL.encode(headerJSON), body = Base64URL.encode(payloadJSON)
        return "\(head).\(body).\(Base64URL.encode(try sign(Array("\(head).\(body)".utf8))))"
    }

    /// An ES384 signature by this EHR's key (JWS: r and s, 48 bytes each).
    func es384Signature(_ bytes: [UInt8]) throws -> [UInt8] {
        Array(try ecSigningKey.signature(for: bytes).rawRepresentation)
    }
}
