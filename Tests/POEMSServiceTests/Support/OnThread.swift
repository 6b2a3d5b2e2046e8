import Foundation
/// Runs `body` on a thread of its own, in `group`: blocking clients must not
/// occupy Dispatch's global pool, which the server in this process uses.
func onThread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
    group.enter()
    Thread {
        body()
        group.leave()
    }.start()
}
