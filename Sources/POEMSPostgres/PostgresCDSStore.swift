import PostgresNIO
import POEMSStorage

/// CDS Hooks state in `cds_token_ids` and `cds_feedback` (migration
/// postgres/0004) and the keys in `cds_card_key` (0007) and
/// `workup_capability_key` (0009), shared by every instance: a token id claimed through one
/// instance is refused by all of them until it expires. Both writes go
/// through the instance's writer (group commit, as in SQLite) and return
/// once committed.
public struct PostgresCDSStore: CDSStore {
    let database: PostgresDatabase
    let writer: PostgresWriter

    public func claimTokenID(issuer: String, jti: String, expiresAt: Int, now: Int) async throws -> Bool {
        let logger = database.logger
        return try await writer.perform { connection in
            try await connection.query("DELETE FROM cds_token_ids WHERE expires_at < \(Int64(now))", logger: logger)
            return try await !connection.query("""
                INSERT INTO cds_token_ids (issuer, jti, expires_at) VALUES (\(issuer), \(jti), \(Int64(expiresAt)))
                ON CONFLICT (issuer, jti) DO NOTHING RETURNING 1
                """, logger: logger).collect().isEmpty
        }
    }

    @discardableResult
    public func recordFeedback(_ entries: [CDSFeedbackRecord]) async throws -> Int {
        let json = JSONRows.encode(entries.map { entry in
            ["service": .text(entry.service), "card": .text(entry.card), "outcome": .text(entry.outcome),
             "override_reason": .optional(entry.overrideReason), "outcome_timestamp": .text(entry.outcomeTimestamp), "issuer": .text(entry.issuer)]
        })
        let logger = database.logger
        return try await writer.perform { connection in
            try await connection.query("""
                INSERT INTO cds_feedback (service, card, outcome, override_reason, outcome_timestamp, issuer, received_at)
                SELECT t.service, t.card, t.outcome, t.override_reason, t.outcome_timestamp, t.issuer, poemsd_now()
                FROM jsonb_to_recordset(\(json)::jsonb)
                    AS t(service text, card text, outcome text, override_reason text, outcome_timestamp text, issuer text)
                ON CONFLICT (card, outcome, outcome_timestamp) DO NOTHING RETURNING 1
                """, logger: logger).collect().count
        }
    }

    public func feedbackCounts() throws -> CDSFeedbackCounts {
        try database.read { [database] connection in
            var counts = CDSFeedbackCounts()
            for row in try await connection.query("""
                SELECT outcome, override_reason, count(*) FROM cds_feedback GROUP BY outcome, override_reason
                """, logger: database.logger).collect() {
                let (outcome, reason, count) = try row.decode((String, String?, Int64).self)
                if outcome == "accepted" { counts.accepted += Int(count) } else { counts.overridden += Int(count) }
                if let reason { counts.overrideReasons[reason, default: 0] += Int(count) }
            }
            return counts
        }
    }

    public func cardKey() throws -> [UInt8] { try storedKey("cds_card_key") }

    public func workupCapabilityKey() throws -> [UInt8] { try storedKey("workup_capability_key") }

    /// The key of the one row of `table` (a name of this file, never input).
    private func storedKey(_ table: String) throws -> [UInt8] {
        let hex = try database.read { [database] connection in
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT key_hex FROM \(table) WHERE id = 1"), logger: database.logger)
                .collect().first?.decode(String.self)
        }
        return try Self.storedKeyBytes(hex: hex, table: table)
    }
}
