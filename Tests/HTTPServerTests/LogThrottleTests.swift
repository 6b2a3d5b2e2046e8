@testable import HTTPServer
import Testing

/// Repeated library messages (one per refused connection under a flood)
/// reach the log once per interval, with the count held back; the time is
/// passed in, so no clock is waited on.
@Suite struct LogThrottleTests {
    @Test func aRepeatedMessageIsLetThroughOncePerIntervalWithTheCountHeldBack() {
        let throttle = LogThrottle(intervalMilliseconds: 1000)
        let message = "Server reached connection limit. Closing inbound connection."
        #expect(throttle.admit(message, now: 10_000) == 0)
        for offset in 1...499 { #expect(throttle.admit(message, now: 10_000 + Int64(offset)) == nil) }
        // Another message is not held back by the first.
        #expect(throttle.admit("Error accepting connection", now: 10_500) == 0)
        #expect(throttle.admit(message, now: 11_000) == 499)
        #expect(throttle.admit(message, now: 12_500) == 0)
    }
}
