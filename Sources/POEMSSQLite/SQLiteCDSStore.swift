import GRDB
import POEMSStorage

/// CDS Hooks state in `cds_token_ids` and `cds_feedback` (migration 0008)
/// and the keys in `cds_card_key` (0014) and `workup_capability_key` (0017).
/// Writes go through the group-commit writer and return once durable: a
/// token id is on disk before its request is accepted, so a replay is
/// refused after a crash too.
public struct SQLiteCDSStore: CDSStore {
    let writer: GroupCommitWriter
    let slot: PoolSlot
    var pool: DatabasePool { slot.pool }

    public func claimTokenID(issuer: String, jti: String, expiresAt: Int, now: Int) async throws -> Bool {
        try await writer.perform { db in
            try db.cachedStatement(sql: "DELETE FROM cds_token_ids WHERE expires_at < ?").execute(arguments: [now])
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM cds_token_ids WHERE issuer = ? AND jti = ?"),
                                arguments: [issuer, jti]) != nil {
                return false
            }
            try db.cachedStatement(sql: "INSERT INTO cds_token_ids (issuer, jti, expires_at) VALUES (?, ?, ?)")
                .execute(arguments: [issuer, jti, expiresAt])
            return true
        }
    }

    @discardableResult
    public func recordFeedback(_ entries: [CDSFeedbackRecord]) async throws -> Int {
        try await writer.perform { db in
            var inserted = 0
            for entry in entries {
                try db.cachedStatement(sql: """
                    INSERT INTO cds_feedback (service, card, outcome, override_reason, outcome_timestamp, issuer, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                    ON CONFLICT (card, outcome, outcome_timestamp) DO NOTHING
                    """).execute(arguments: [entry.service, entry.card, entry.outcome, entry.overrideReason,
                                             entry.outcomeTimestamp, entry.issuer])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    public func feedbackCounts() throws -> CDSFeedbackCounts {
        try DatabaseError.converted {
            try pool.read { db in
                var counts = CDSFeedbackCounts()
                for row in try Row.fetchAll(db, sql: "SELECT outcome, override_reason, count(*) FROM cds_feedback GROUP BY outcome, override_reason") {
                    let outcome: String = row[0], reason: String? = row[1], count: Int = row[2]
                    if outcome == "accepted" { counts.accepted += count } else { counts.overridden += count }
                    if let reason { counts.overrideReasons[reason, default: 0] += count }
                }
                return counts
            }
        }
    }

    public func cardKey() throws -> [UInt8] { try storedKey("cds_card_key") }

    public func workupCapabilityKey() throws -> [UInt8] { try storedKey("workup_capability_key") }

    /// The key of the one row of `table` (a name of this file, never input).
    private func storedKey(_ table: String) throws -> [UInt8] {
        try DatabaseError.converted {
            let hex = try pool.read { db in try String.fetchOne(db, sql: "SELECT key_hex FROM \(table) WHERE id = 1") }
            return try Self.storedKeyBytes(hex: hex, table: table)
        }
    }
}
