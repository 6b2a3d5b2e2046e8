import HTTPServer
import Logging
import Synchronization

/// Which denied requests (401, 403, 429; CDS Hooks calls with a bad token)
/// are written to the audit trail. Anyone who can reach the port can be
/// denied, and the append-only trail must not become a way to fill the
/// disk: at most `perClientPerMinute` a minute per client address, and at
/// most `perMinute` a minute in all, whatever the number of addresses.
/// Denials past either cap are counted (`poemsd_audit_denials_unrecorded_total`)
/// and logged (the first, then every 100th), not audited.
final class DenialAuditGate: Sendable {
    private let perClient: RateLimiter
    private let overall: RateLimiter
    private let unrecorded = Atomic<Int>(0)
    private let onUnrecorded: @Sendable () -> Void

    init(perMinute: Int, perClientPerMinute: Int, onUnrecorded: @escaping @Sendable () -> Void = {}) {
        overall = RateLimiter(capacity: Double(max(1, perMinute)), refillPerSecond: Double(max(1, perMinute)) / 60)
        perClient = RateLimiter(capacity: Double(max(1, perClientPerMinute)), refillPerSecond: Double(max(1, perClientPerMinute)) / 60)
        self.onUnrecorded = onUnrecorded
    }

    /// True when this denial may be audited; otherwise counts and logs it.
    func admit(client: String?, logger: Logger) -> Bool {
        if perClient.acquire(client ?? "unknown").isAllowed && overall.acquire("all").isAllowed { return true }
        onUnrecorded()
        let count = unrecorded.add(1, ordering: .relaxed).newValue
        if count == 1 || count.isMultiple(of: 100) {
            logger.warning("denied requests over the audit cap are not recorded", metadata: ["unrecorded": "\(count)"])
        }
        return false
    }
}
