/// CDS Hooks state (migration 0006): the JWT ids already seen (replay
/// protection that survives a restart) and card feedback.
///
/// ```swift
/// let store = CDSStore(database: queue)
/// try store.claimTokenID(issuer: iss, jti: jti, expiresAt: exp, now: now)   // false: replayed
/// try store.recordFeedback(entries)                                       // idempotent
/// try store.feedbackCounts()
/// ```
public struct CDSStore: Sendable {
    /// One feedback entry: a card's outcome.
    public struct Feedback: Sendable, Equatable {
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

    /// Feedback counted: outcomes, and override reasons by `system|code`.
    public struct FeedbackCounts: Sendable, Equatable, Encodable {
        public var accepted = 0
        public var overridden = 0
        public var overrideReasons: [String: Int] = [:]
    }

    private let database: DatabaseQueue

    public init(database: DatabaseQueue) {
        self.database = database
    }

    /// Records that the token `jti` of `issuer` was used. Returns `false`
    /// when it was already seen and has not expired (a replay). Ids past
    /// their expiry are purged on the way.
    public func claimTokenID(issuer: String, jti: String, expiresAt: Int, now: Int) throws -> Bool {
        try database.access { db in
            try db.transaction {
                _ = try db.prepare("DELETE FROM cds_token_ids WHERE expires_at < ?", [.integer(Int64(now))]).step()
                if try db.scalarInt("SELECT 1 FROM cds_token_ids WHERE issuer = ? AND jti = ?", [.text(issuer), .text(jti)]) != nil {
                    return false
                }
                _ = try db.prepare("INSERT INTO cds_token_ids (issuer, jti, expires_at) VALUES (?, ?, ?)",
                                   [.text(issuer), .text(jti), .integer(Int64(expiresAt))]).step()
                return true
            }
        }
    }

    /// Stores feedback entries; an entry already stored (same card, outcome
    /// and outcome time) is not stored again. Returns how many were new.
    @discardableResult
    public func recordFeedback(_ entries: [Feedback]) throws -> Int {
        try database.access { db in
            try db.transaction {
                var inserted = 0
                for entry in entries {
                    _ = try db.prepare("""
                        INSERT INTO cds_feedback (service, card, outcome, override_reason, outcome_timestamp, issuer, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                        ON CONFLICT (card, outcome, outcome_timestamp) DO NOTHING
                        """, [.text(entry.service), .text(entry.card), .text(entry.outcome), entry.overrideReason.map { .text($0) } ?? .null,
                              .text(entry.outcomeTimestamp), .text(entry.issuer)]).step()
                    inserted += try db.scalarInt("SELECT changes()") ?? 0
                }
                return inserted
            }
        }
    }

    /// Counts of all stored feedback.
    public func feedbackCounts() throws -> FeedbackCounts {
        try database.access { db in
            var counts = FeedbackCounts()
            let statement = try db.prepare("SELECT outcome, override_reason, count(*) FROM cds_feedback GROUP BY outcome, override_reason")
            while try statement.step() {
                let outcome = statement.text(0), reason = statement.text(1), count = statement.int(2)
                if outcome == "accepted" { counts.accepted += count } else { counts.overridden += count }
                if let reason { counts.overrideReasons[reason, default: 0] += count }
            }
            return counts
        }
    }
}
