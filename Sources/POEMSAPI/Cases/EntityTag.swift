import POEMSStorage

/// Strong entity tags: the first 96 bits of a SHA-256, quoted hex.
enum EntityTag {
    /// The tag of a representation's bytes.
    static func of(_ bytes: [UInt8]) -> String { quoted(SHA256Hex.of(bytes)) }

    /// The tag of a representation identified by `identity`: a string that
    /// changes whenever the representation does (for example an id and a
    /// revision, with the service version).
    static func of(identity: String) -> String { quoted(SHA256Hex.of(identity.utf8)) }

    private static func quoted(_ hex: String) -> String { "\"" + hex.prefix(24) + "\"" }
}
