import Foundation

/// Clients kept busy on a running server while a test acts beside it: one
/// writer creating cases (each acknowledged location and body recorded)
/// and one poller listing cases and asking `/readyz`. Each on a thread of
/// its own (`onThread`); `stop` ends them and waits.
final class BackgroundLoad: Sendable {
    let acknowledged = LockedResponses()
    let polls = LockedCounter()
    private let stopping = LockedFlag()
    private let group = DispatchGroup()

    init(port: Int, authorization: [(String, String)], name: String) {
        let (acknowledged, polls, stopping) = (acknowledged, polls, stopping)
        onThread(group) {
            var index = 0
            while !stopping.isSet {
                index += 1
                let body = #"{"patientRef": "\#(name)-\#(index)", "findings": {"polyneuropathy": true}}"#
                guard let response = try? fetch(port, "POST", "/v1/cases", json: body, headers: authorization) else { continue }
                if response.status == 201, let location = response.header("Location") { acknowledged.append(location, response.body) }
            }
        }
        onThread(group) {
            while !stopping.isSet {
                if (try? fetch(port, "GET", "/v1/cases?limit=20", headers: authorization))?.status == 200 { polls.increment() }
                if (try? fetch(port, "GET", "/readyz"))?.status != nil { polls.increment() }
            }
        }
    }

    /// Waits until `more` further cases are acknowledged than now; whether
    /// they were. At most 180 s: at the start of a whole run, two cores
    /// serve some 90 suites at once (a backup test waited 30 s in vain).
    @discardableResult
    func waitForMoreWrites(_ more: Int = 3, seconds: Double = 180) -> Bool {
        acknowledged.waitFor(count: acknowledged.count + more, seconds: seconds)
    }

    /// Stops the clients and waits for them; again is harmless.
    func stop() {
        stopping.set()
        group.wait()
    }
}

/// How many of `acknowledged` (location, body) the server on `port` does not
/// answer 200 with the same body.
func missingCases(_ port: Int, _ acknowledged: [(String, [UInt8])], _ authorization: [(String, String)]) throws -> Int {
    try acknowledged.filter { location, body in
        let read = try fetch(port, "GET", location, headers: authorization)
        return read.status != 200 || read.body != body
    }.count
}
