import Foundation
import HTTPServer
import POEMSStorage
import Testing

/// HTTPS through libmicrohttpd's TLS, with a certificate made by `openssl`
/// and real clients (`curl`, `openssl s_client`).
@Suite struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 and its key, in `directory`:
    /// an EC (P-256) key, or with `rsa` an RSA one (which would also allow
    /// RSA key transport, if the server offered it).
    static func makeCertificate(in directory: URL, rsa: Bool = false) throws -> (certificate: URL, key: URL) {
        let certificate = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        let made = try runProcess("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey"] + (rsa ? ["rsa:2048"] : ["ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]) + ["-nodes",
            "-keyout", key.path, "-out", certificate.path, "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        try #require(made.status == 0, "openssl: \(made.output)")
        return (certificate, key)
    }

    @Test func curlTalksHTTPSWithTheCertificateAndTLS11IsRefused() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificate, key) = try Self.makeCertificate(in: directory)
        let tls = TLSConfiguration(certificatePEM: try String(contentsOf: certificate, encoding: .utf8),
                                   privateKeyPEM: try String(contentsOf: key, encoding: .utf8))
        try withService(configure: { $0.http.tls = tls }) { (service: TestService) throws in
            let token = try TestService.storage(service.databasePath).keys.create(name: "tls", role: .reader).token
            let base = "https://127.0.0.1:\(service.port)"
            let ready = try runProcess("/usr/bin/env", ["curl", "-sS", "--cacert", certificate.path, "-o", "/dev/null",
                                                         "-w", "%{http_code} %{ssl_verify_result}", "\(base)/readyz"])
            #expect(ready.output == "200 0", "curl: \(ready.output)")
            let criteria = try runProcess("/usr/bin/env", ["curl", "-sS", "--cacert", certificate.path, "-H", "Authorization: Bearer \(token)",
                                                            "\(base)/v1/criteria"])
            #expect(criteria.status == 0 && criteria.output.contains("imwg-2014"), "curl: \(criteria.output)")

            // Without the CA the certificate is not trusted: it really is TLS.
            let untrusted = try runProcess("/usr/bin/env", ["curl", "-sS", "-o", "/dev/null", "\(base)/healthz"])
            #expect(untrusted.status != 0)
            // Plain HTTP on the HTTPS port gets no HTTP answer.
            #expect(HTTPProbe.status(host: "127.0.0.1", port: service.port, path: "/healthz") == nil)

            let tls12 = try runProcess("/usr/bin/env", ["openssl", "s_client", "-connect", "127.0.0.1:\(service.port)", "-tls1_2",
                                                         "-CAfile", certificate.path], input: Data())
            #expect(tls12.output.contains("Protocol  : TLSv1.2") && !tls12.output.contains("Cipher is (NONE)"), "\(tls12.output)")
            // TLS 1.1 offered (the client's own floor lowered) is refused by the server.
            let tls11 = try runProcess("/usr/bin/env", ["openssl", "s_client", "-connect", "127.0.0.1:\(service.port)", "-tls1_1",
                                                         "-cipher", "DEFAULT@SECLEVEL=0"], input: Data())
            #expect(tls11.status != 0, "\(tls11.output)")
            #expect(tls11.output.contains("Cipher is (NONE)"), "no TLS 1.1 session: \(tls11.output)")
        }
    }

    /// TLS 1.2 with an RSA certificate: only ECDHE key exchange (forward
    /// secrecy) and AEAD ciphers are offered, in the server's order.
    @Test func tls12OffersOnlyForwardSecretAEADSuitesInTheServersOrder() throws {
        let directory = try MigrationTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificate, key) = try Self.makeCertificate(in: directory, rsa: true)
        let tls = TLSConfiguration(certificatePEM: try String(contentsOf: certificate, encoding: .utf8),
                                   privateKeyPEM: try String(contentsOf: key, encoding: .utf8))
        try withService(configure: { $0.http.tls = tls }) { (service: TestService) throws in
            /// The TLS 1.2 suite negotiated when offering `ciphers` (OpenSSL names), or `nil` when none is.
            func negotiated(_ ciphers: String) throws -> String? {
                let session = try runProcess("/usr/bin/env", ["openssl", "s_client", "-connect", "127.0.0.1:\(service.port)", "-tls1_2",
                                                               "-cipher", ciphers + "@SECLEVEL=0", "-CAfile", certificate.path], input: Data())
                guard session.status == 0, let line = session.output.split(separator: "\n").first(where: { $0.contains("Cipher is ") }),
                      !line.contains("(NONE)") else { return nil }
                return line.components(separatedBy: "Cipher is ").last.map { $0.trimmingCharacters(in: .whitespaces) }
            }
            for refused in ["AES128-SHA", "AES256-SHA256", "AES128-GCM-SHA256", "AES256-GCM-SHA384",  // RSA key transport
                            "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-RSA-AES128-SHA256",     // CBC
                            "DHE-RSA-AES128-GCM-SHA256", "DES-CBC3-SHA"] {
                #expect(try negotiated(refused) == nil, "\(refused) is not offered")
            }
            for accepted in ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"] {
                #expect(try negotiated(accepted) == accepted)
            }
            // The client's order does not decide: the server's first choice wins either way.
            let ascending = try negotiated("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
            let descending = try negotiated("ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256")
            #expect(ascending == "ECDHE-RSA-AES256-GCM-SHA384")
            #expect(descending == ascending)
        }
    }
}
