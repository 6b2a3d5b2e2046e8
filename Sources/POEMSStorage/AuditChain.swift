import Crypto

/// The hash chain of the audit trail: each event carries the hash of the
/// event before it and its own hash over that and its content, so that a
/// row changed, removed or inserted out of place after it was written
/// breaks the chain (`AuditChainVerifier`). Pure and engine-independent:
/// every storage engine assigns hashes with this function, in the append's
/// transaction, and streams events to the same verifier.
///
/// ## Canonical form, version 1
///
/// The bytes hashed for an event are these netstrings (D. J. Bernstein:
/// `<decimal byte length>:<bytes>,`), concatenated with nothing between:
///
/// 1. the version tag `poemsd-audit-1`;
/// 2. the previous event's hash (64 lowercase hex digits; `genesis`, 64
///    `0`, for the first event);
/// 3. the event's fields, in this order: `id`, `at`, `key_name`, `action`,
///    `method`, `route`, `case_id`, `status`, `request_id`,
///    `client_address`.
///
/// A text field is its UTF-8 bytes as stored (no normalization); `id` and
/// `status` are decimal integers (`-` for a negative number, no leading
/// zeros); an absent (SQL `NULL`) field is the single byte `~` instead of a
/// netstring (a netstring starts with a digit, so the two cannot be
/// confused). The event's hash is the lowercase hex SHA-256 of those bytes.
///
/// For example the first event `(1, "2026-11-22T01:00:00.000Z", NULL,
/// "denied:case.read", "GET", "/v1/cases/{id}", NULL, 401, "r1", "127.0.0.1")`
/// hashes
/// `14:poemsd-audit-1,64:0000…0000,1:1,24:2026-11-22T01:00:00.000Z,~16:denied:case.read,3:GET,14:/v1/cases/{id},~3:401,2:r1,9:127.0.0.1,`
/// (`AuditChainTests` checks this vector against an independent
/// implementation's digest).
///
/// What a chain proves: nobody changed, removed or inserted an event
/// without recomputing every hash after it. Whoever can write the file can
/// recompute them (there is no secret), so an auditor records the head
/// (`GET /v1/audit` returns it) somewhere else and later checks that the
/// chain still passes through it (`poemsd audit verify --anchor ID:HASH`).
public enum AuditChain {
    /// The version tag hashed first: a new canonical form gets a new tag.
    public static let version = "poemsd-audit-1"
    /// The previous hash of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// An event's place in the chain: its previous hash and its own.
    public struct Link: Sendable, Equatable {
        public var previousHash: String
        public var hash: String

        public init(previousHash: String, hash: String) {
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    /// The last event of a chain: what an auditor anchors.
    public struct Head: Sendable, Equatable {
        public var id: Int64
        public var hash: String

        public init(id: Int64, hash: String) {
            self.id = id
            self.hash = hash
        }
    }

    /// The hash of `event` (its `id` as stored) after `previous`.
    public static func hash(_ event: AuditEvent, previous: String) -> String {
        SHA256Hex.of(canonicalForm(event, previous: previous))
    }

    /// The bytes hashed for `event` after `previous` (see the type's documentation).
    public static func canonicalForm(_ event: AuditEvent, previous: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        func field(_ text: String?) {
            guard let text else { bytes.append(UInt8(ascii: "~")); return }
            bytes.append(contentsOf: String(text.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: ","))
        }
        field(version)
        field(previous)
        field(String(event.id))
        field(event.at)
        field(event.keyName)
        field(event.action)
        field(event.method)
        field(event.route)
        field(event.caseID)
        field(String(event.status))
        field(event.requestID)
        field(event.clientAddress)
        return bytes
    }
}
