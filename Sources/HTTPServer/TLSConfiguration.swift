/// HTTPS through libmicrohttpd's own TLS (GnuTLS): a certificate chain and
/// its private key, both PEM.
public struct TLSConfiguration: Sendable {
    /// The server certificate, followed by any intermediates, PEM.
    public var certificatePEM: String
    /// The certificate's private key, PEM, unencrypted.
    public var privateKeyPEM: String
    /// GnuTLS priority string: TLS 1.2 and 1.3 only; in TLS 1.2 only
    /// ephemeral elliptic-curve key exchange (forward secrecy: no RSA key
    /// transport, no finite-field DHE) and only AEAD ciphers (AES-GCM,
    /// ChaCha20-Poly1305: no CBC, no SHA-1 MAC), chosen in the server's
    /// order, not the client's (`%SERVER_PRECEDENCE`).
    public var priorities = TLSConfiguration.defaultPriorities

    public static let defaultPriorities = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
        + ":-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA"
        + ":-CIPHER-ALL:+AES-256-GCM:+CHACHA20-POLY1305:+AES-128-GCM"
        + ":-MAC-ALL:+AEAD"
        + ":%SERVER_PRECEDENCE"

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
