/// HTTPS through libmicrohttpd's own TLS (GnuTLS): a certificate chain and
/// its private key, both PEM.
public struct TLSConfiguration: Sendable {
    /// The server certificate, followed by any intermediates, PEM.
    public var certificatePEM: String
    /// The certificate's private key, PEM, unencrypted.
    public var privateKeyPEM: String
    /// GnuTLS priority string: GnuTLS's secure defaults, TLS 1.2 and 1.3 only.
    public var priorities = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
