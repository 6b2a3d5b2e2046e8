import Foundation
import POEMSStorage
import Testing

/// The CDS Hooks state on the storage protocol: a token id claimed is on
/// disk when the claim returns (through the group-commit writer), so a
/// replay is refused by the next process on the database, until the token
/// expires.
@Suite struct CDSStoreTests {
    @Test func aClaimedTokenIdIsRefusedAfterReopeningUntilItExpires() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let path = database.location
        let now = Int(Date().timeIntervalSince1970)

        let first = try TestService.storage(path)
        #expect(try await first.cds.claimTokenID(issuer: "https://ehr.test", jti: "token-1", expiresAt: now + 300, now: now))
        #expect(first.writeStatistics.writes == 1, "the claim went through the group-commit writer")
        #expect(try await !first.cds.claimTokenID(issuer: "https://ehr.test", jti: "token-1", expiresAt: now + 300, now: now))
        first.close()

        let second = try TestService.storage(path)
        defer { second.close() }
        #expect(try await !second.cds.claimTokenID(issuer: "https://ehr.test", jti: "token-1", expiresAt: now + 300, now: now + 1))
        // Ids are per issuer.
        #expect(try await second.cds.claimTokenID(issuer: "https://other-ehr.test", jti: "token-1", expiresAt: now + 300, now: now + 1))
        // Past its expiry the id is purged: the token itself is refused as expired before this.
        #expect(try await second.cds.claimTokenID(issuer: "https://ehr.test", jti: "token-1", expiresAt: now + 900, now: now + 301))
    }

    @Test func feedbackIsStoredOnceAndCounted() async throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let storage = try TestService.storage(database.location)
        defer { storage.close() }
        let entries = [
            CDSFeedbackRecord(service: "poems-syndrome", card: "c1", outcome: "accepted", overrideReason: nil,
                              outcomeTimestamp: "2025-01-10T10:00:00Z", issuer: "https://ehr.test"),
            CDSFeedbackRecord(service: "poems-syndrome", card: "c2", outcome: "overridden", overrideReason: "http://example.org/r|known",
                              outcomeTimestamp: "2025-01-10T10:01:00Z", issuer: "https://ehr.test"),
        ]
        #expect(try await storage.cds.recordFeedback(entries) == 2)
        #expect(try await storage.cds.recordFeedback(entries) == 0)
        let counts = try storage.cds.feedbackCounts()
        #expect(counts.accepted == 1)
        #expect(counts.overridden == 1)
        #expect(counts.overrideReasons == ["http://example.org/r|known": 1])
    }
}
