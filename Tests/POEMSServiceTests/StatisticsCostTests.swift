import Foundation
import POEMSStorage
import Testing

/// Polling `GET /metrics` (open) and `GET /v1/stats` does not run the
/// statistics query each time, so that its cost does not grow with the
/// cases stored: it runs once per change, counted by
/// `poemsd_statistics_queries_total`. Both engines.
@Suite struct StatisticsCostTests {
    /// Statistics queries run so far, read from `/metrics` (a poll itself).
    static func queries(_ service: TestService) throws -> Double {
        let samples = try MetricsTests.parse(try fetch(service.port, "GET", "/metrics").text, in: service.directory)
        return MetricsTests.value(samples, "poemsd_statistics_queries_total")
    }

    @Test func pollsRunTheStatisticsQueryOncePerChangeAndSeeEachWrite() throws {
        // An age far beyond the test: only the writes make the counts stale.
        try withService(configure: { $0.statisticsMaximumAge = .seconds(3600) }) { service in
            let port = service.port
            #expect(try CaseAPITests.create(port).status == 201)
            for _ in 0..<25 {
                #expect(try fetch(port, "GET", "/metrics").status == 200)
                #expect(try fetch(port, "GET", "/v1/stats").json()["cases"] as? Int == 1)
                #expect(try fetch(port, "GET", "/v1/stats?criteria=imwg-2014").json()["cases"] as? Int == 1)
            }
            // Once for the unfiltered counts (shared by /metrics and /v1/stats), once for the filter.
            #expect(try Self.queries(service) == 2)

            // A write is seen by the very next poll, at the cost of one query.
            #expect(try CaseAPITests.create(port).status == 201)
            for _ in 0..<10 {
                #expect(try fetch(port, "GET", "/v1/stats").json()["cases"] as? Int == 2)
            }
            let samples = try MetricsTests.parse(try fetch(port, "GET", "/metrics").text, in: service.directory)
            #expect(MetricsTests.value(samples, "poemsd_cases", ["criteria_set": "imwg-2014"]) == 2)
            #expect(MetricsTests.value(samples, "poemsd_statistics_queries_total") == 3)
        }
    }

    /// What the service does not see change (feedback stored by another
    /// connection, as another process would) shows once the counts are
    /// `statisticsMaximumAge` old. The blocking requests run on a thread of
    /// their own, off the cooperative pool the server's async handlers need.
    @Test func aChangeTheServiceDoesNotSeeShowsWithinTheMaximumAge() async throws {
        let service = try TestService { $0.statisticsMaximumAge = .milliseconds(200) }
        let port = service.port
        @Sendable func accepted() throws -> Int? {
            (try fetch(port, "GET", "/v1/stats").json()["cdsFeedback"] as? [String: Any])?["accepted"] as? Int
        }
        let other = try TestService.storage(service.databasePath)
        do {
            #expect(try await onOwnThread { try accepted() } == 0)
            try await other.cds.recordFeedback([CDSFeedbackRecord(service: "poems-syndrome", card: "card-1", outcome: "accepted", overrideReason: nil,
                                                                  outcomeTimestamp: "2026-01-01T00:00:00Z", issuer: "https://ehr.test")])
            #expect(try await onOwnThread { eventually { (try? accepted()) == 1 } })
        } catch {
            Issue.record(error)
        }
        try await onOwnThread {
            other.close()
            service.stop()
        }
    }
}
