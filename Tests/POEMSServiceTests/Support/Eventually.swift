import Foundation

/// Checks `condition` again and again until it holds, for at most `seconds`;
/// whether it held.
///
/// Polling, and only for what no condition variable of the test can tell:
/// the state of another process, learnt by asking it (the HTTP status of
/// a server's `/readyz`), or the service's own state read through its
/// public interface (`Service.longPollsWaiting`), which no event
/// announces. What the test's own threads record is waited for with its
/// collector's `waitFor` (`Locked`), woken by each change instead.
///
/// The pause between checks (10 ms) is not a guess at when it happens: the
/// deadline only bounds a failing test.
func eventually(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline { return false }
        usleep(10_000)
    }
    return true
}
