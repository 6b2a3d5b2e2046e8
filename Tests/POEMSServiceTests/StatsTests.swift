import Foundation
import Testing

/// `GET /v1/stats`: denominators, filters and the position counts are as of.
@Suite struct StatsTests {
    static func criterion(_ stats: [String: Any], _ set: String, _ id: String) -> [String: Any]? {
        (stats["criteria"] as? [[String: Any]])?.first { $0["criteriaSet"] as? String == set && $0["criterion"] as? String == id }
    }

    @Test func percentagesAreAmongAssessedCasesBesideTable2AndItsDenominator() throws {
        try withService { service in
            let port = service.port
            var updated: [String] = []
            for papilledema in ["true", "false", nil] {
                let findings = #""polyneuropathy": true"# + (papilledema.map { #", "papilledema": \#($0)"# } ?? "")
                let created = try CaseAPITests.create(port, #"{"findings": {\#(findings)}}"#)
                updated.append(try #require(try created.json()["updatedAt"] as? String))
            }
            let stats = try fetch(port, "GET", "/v1/stats").json()
            let papilledema = try #require(Self.criterion(stats, "dispenzieri-2003", "papilledema"))
            #expect(papilledema["met"] as? Int == 1 && papilledema["notMet"] as? Int == 1 && papilledema["unknown"] as? Int == 1)
            #expect(papilledema["assessed"] as? Int == 2)
            #expect(papilledema["metPercentOfAssessed"] as? Double == 50, "1 of 2 assessed, not 1 of 3 cases")
            let table2 = try #require(papilledema["table2"] as? [String: Any])
            #expect(table2["percent"] as? Int == 29 && table2["n"] as? Int == 99, "Table 2: papilledema 29% of n = 99")
            // Never assessed: no percentage at all, rather than 0%.
            let castleman = try #require(Self.criterion(stats, "dispenzieri-2003", "castlemanDisease"))
            #expect(castleman["assessed"] as? Int == 0 && castleman["metPercentOfAssessed"] == nil)
            let asOf = try #require(stats["asOf"] as? [String: Any])
            #expect(asOf["seq"] as? Int == 3 && asOf["at"] as? String == updated[2])

            // Filters: criteria sets, and a half-open interval of last updates.
            let imwg = try fetch(port, "GET", "/v1/stats?criteria=imwg-2014").json()
            let sets = Set((imwg["criteria"] as? [[String: Any]] ?? []).compactMap { $0["criteriaSet"] as? String })
            #expect(sets == ["imwg-2014"])
            #expect((imwg["verdicts"] as? [String: Any])?.keys.sorted() == ["imwg-2014"])
            let since = updated[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try fetch(port, "GET", "/v1/stats?since=\(since)").json()["cases"] as? Int == 2)
            let until = try fetch(port, "GET", "/v1/stats?until=\(since)").json()
            #expect(until["cases"] as? Int == 1)
            #expect(Self.criterion(until, "dispenzieri-2003", "papilledema")?["met"] as? Int == 1)
            #expect(try fetch(port, "GET", "/v1/stats?since=2999-01-01T00:00:00Z").json()["cases"] as? Int == 0)

            // A window that ends before (or as) it starts holds no case; it is
            // not refused (the description cannot say that one parameter
            // must follow another).
            for empty in ["until=2000-01-01T00:00:00Z&since=2001-01-01T00:00:00Z", "since=\(since)&until=\(since)"] {
                let stats = try fetch(port, "GET", "/v1/stats?\(empty)")
                #expect(stats.status == 200, "\(empty)")
                #expect(try stats.json()["cases"] as? Int == 0, "\(empty)")
            }
            for bad in ["criteria=who-2099", "since=yesterday", "asOf=1"] {
                #expect(try fetch(port, "GET", "/v1/stats?\(bad)").status == 400, "\(bad)")
            }
        }
    }
}
