/// CDS Hooks state: the JWT ids already seen (replay protection that
/// survives a restart), card feedback, the key of the card uuids and the
/// key of the work-up page's capability links. What
/// handlers depend on; `SQLiteCDSStore` is the embedded engine.
///
/// ```swift
/// try await storage.cds.claimTokenID(issuer: iss, jti: jti, expiresAt: exp, now: now)   // false: replayed
/// try await storage.cds.recordFeedback(entries)                                       // idempotent
/// try storage.cds.feedbackCounts()
/// try storage.cds.cardKey()                                                          // 32 bytes
/// try storage.cds.workupCapabilityKey()                                              // 32 bytes
/// ```
public protocol CDSStore: Sendable {
    /// Records that the token `jti` of `issuer` was used, durably, before
    /// returning. Returns `false` when it was already seen and has not
    /// expired (a replay). Ids past their expiry are purged on the way.
    func claimTokenID(issuer: String, jti: String, expiresAt: Int, now: Int) async throws -> Bool
    /// Stores feedback entries, durably; an entry already stored (same
    /// card, outcome and outcome time) is not stored again. Returns how
    /// many were new.
    @discardableResult
    func recordFeedback(_ entries: [CDSFeedbackRecord]) async throws -> Int
    /// Counts of all stored feedback.
    func feedbackCounts() throws -> CDSFeedbackCounts
    /// The key of the card uuids: 32 bytes made once by the migration that
    /// created the table, the same for every instance on the database.
    func cardKey() throws -> [UInt8]
    /// The key of the work-up page's capability links (AES-256-GCM): 32
    /// bytes made once by the migration that created the table, the same
    /// for every instance on the database.
    func workupCapabilityKey() throws -> [UInt8]
}

extension CDSStore {
    /// The bytes of a stored key's 64 hexadecimal digits (`key_hex` of
    /// `table`); a missing or malformed value (edited by hand) is refused as
    /// a database error.
    public static func storedKeyBytes(hex: String?, table: String) throws -> [UInt8] {
        guard let hex else { throw DatabaseError.unavailable("the key in \(table) is missing") }
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { throw DatabaseError.unavailable("the key in \(table) is malformed") }
        return try stride(from: 0, to: 64, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw DatabaseError.unavailable("the key in \(table) is malformed")
            }
            return byte
        }
    }
}

/// One CDS Hooks feedback entry: a card's outcome.
public struct CDSFeedbackRecord: Sendable, Equatable {
    public var service: String
    public var card: String
    public var outcome: String
    /// `system|code` of the override reason, when one was given.
    public var overrideReason: String?
    public var outcomeTimestamp: String
    public var issuer: String

    public init(service: String, card: String, outcome: String, overrideReason: String?, outcomeTimestamp: String, issuer: String) {
        self.service = service
        self.card = card
        self.outcome = outcome
        self.overrideReason = overrideReason
        self.outcomeTimestamp = outcomeTimestamp
        self.issuer = issuer
    }
}

/// CDS Hooks feedback counted: outcomes, and override reasons by `system|code`.
public struct CDSFeedbackCounts: Sendable, Equatable, Encodable {
    public var accepted = 0
    public var overridden = 0
    public var overrideReasons: [String: Int] = [:]

    public init() {}
}
