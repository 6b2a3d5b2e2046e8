import Foundation
import NIOSSL
import PostgresNIO
import POEMSStorage

/// A PostgreSQL database named by a URL, as libpq reads one:
/// `postgres://user[:password]@host[:port]/database[?sslmode=MODE]`
/// (also `postgresql://`). `sslmode`: `disable`, `prefer` (the default:
/// TLS when the server offers it), `require` (TLS or no connection,
/// without checking the certificate), `verify-ca` (the certificate is
/// checked against `sslrootcert` or the system's roots), `verify-full`
/// (and the host name too). The password is never shown (`redacted`).
public struct PostgresLocation: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: String
    public var sslRootCertificate: String?

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws(PostgresURLError) {
        guard Self.isURL(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw PostgresURLError("not a PostgreSQL URL (postgres://user@host:port/database): \(Self.redacted(text))")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        sslMode = query["sslmode"] ?? "prefer"
        sslRootCertificate = query["sslrootcert"]
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw PostgresURLError("unknown sslmode '\(sslMode)': use disable, prefer, require, verify-ca or verify-full")
        }
        let known: Set = ["sslmode", "sslrootcert"]
        if let unknown = query.keys.first(where: { !known.contains($0) }) {
            throw PostgresURLError("unknown PostgreSQL URL parameter '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// The URL without its password, for messages and logs.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgres://***"
    }

    /// The client's configuration: TLS as `sslmode` asks.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let root = sslRootCertificate { tls.trustRoots = .file(root) }
        let mode: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable":
            mode = .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            mode = .prefer(tls)
        case "require":
            // libpq's `require`: encrypted, the certificate checked only when a root is given.
            tls.certificateVerification = sslRootCertificate == nil ? .none : .noHostnameVerification
            mode = .require(tls)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            mode = .require(tls)
        default:
            tls.certificateVerification = .fullVerification
            mode = .require(tls)
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", "poemsd")]
        return configuration
    }
}

/// Why a PostgreSQL URL was refused (without its password).
public struct PostgresURLError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
