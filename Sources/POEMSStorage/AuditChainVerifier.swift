/// Checks an audit trail's hash chain (`AuditChain`), one event at a time
/// in id order, as a store streams them: pure, so that every engine is
/// verified by the same code (`verify(_:anchor:pageSize:)` walks any
/// `AuditLog`).
///
/// Each event must name the previous event's hash (the first: `genesis`)
/// and carry the hash of its own content after it. The first event that
/// does not is reported, with what its failure means.
public struct AuditChainVerifier: Sendable {
    /// Events checked and found intact so far.
    public private(set) var intact = 0
    /// The last intact event.
    public private(set) var head: AuditChain.Head?

    public init() {}

    /// Checks `event`, the next in id order: `nil` when it continues the
    /// chain, otherwise how it breaks it.
    public mutating func check(_ event: AuditEvent) -> AuditChainBreak? {
        guard let link = event.link else { return AuditChainBreak(eventID: event.id, kind: .unchained) }
        if let head, event.id <= head.id { return AuditChainBreak(eventID: event.id, kind: .outOfOrder(previousID: head.id)) }
        if link.previousHash != (head?.hash ?? AuditChain.genesis) {
            return AuditChainBreak(eventID: event.id, kind: .unlinked(previousID: head?.id))
        }
        if AuditChain.hash(event, previous: link.previousHash) != link.hash {
            return AuditChainBreak(eventID: event.id, kind: .altered)
        }
        head = AuditChain.Head(id: event.id, hash: link.hash)
        intact += 1
        return nil
    }

    /// Walks every event of `log` (its unfiltered `events` pages, in id
    /// order) and stops at the first break. With an `anchor` (a head an
    /// auditor recorded earlier), the chain must also pass through it:
    /// that catches a trail rewritten with every hash recomputed, or
    /// events removed from its end.
    public static func verify(_ log: any AuditLog, anchor: AuditChain.Head? = nil, pageSize: Int = 1000) throws -> AuditChainReport {
        var verifier = AuditChainVerifier()
        var anchorSeen = false
        var after: Int64?
        while true {
            let page = try log.events(AuditQuery(limit: pageSize, after: after))
            for event in page.events {
                if let broken = verifier.check(event) {
                    return AuditChainReport(intact: verifier.intact, head: verifier.head, firstBreak: broken)
                }
                if let anchor, anchor.id == event.id {
                    guard anchor.hash == event.link?.hash else {
                        return AuditChainReport(intact: verifier.intact, head: verifier.head,
                                                firstBreak: AuditChainBreak(eventID: event.id, kind: .anchorMismatch))
                    }
                    anchorSeen = true
                }
            }
            guard let next = page.next else { break }
            after = next
        }
        if let anchor, !anchorSeen {
            return AuditChainReport(intact: verifier.intact, head: verifier.head,
                                    firstBreak: AuditChainBreak(eventID: anchor.id, kind: .anchorMissing(lastID: verifier.head?.id)))
        }
        return AuditChainReport(intact: verifier.intact, head: verifier.head, firstBreak: nil)
    }
}

/// The outcome of walking a chain.
public struct AuditChainReport: Sendable, Equatable {
    /// Events found intact before the first break (all of them when none).
    public var intact: Int
    /// The last intact event.
    public var head: AuditChain.Head?
    public var firstBreak: AuditChainBreak?
}

/// The first event where a chain breaks, and how.
public struct AuditChainBreak: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Its content (or hash) is not what was hashed when it was written.
        case altered
        /// It does not name the previous event's hash: an event between
        /// them was removed, this one was inserted out of place, or the
        /// previous one was changed and its hash recomputed.
        case unlinked(previousID: Int64?)
        /// Its id does not follow the previous event's.
        case outOfOrder(previousID: Int64)
        /// It has no hashes at all.
        case unchained
        /// It is the anchored event, with another hash: the trail was rewritten.
        case anchorMismatch
        /// The anchored event is not in the trail: removed from the end, or rewritten.
        case anchorMissing(lastID: Int64?)
    }

    public var eventID: Int64
    public var kind: Kind

    public init(eventID: Int64, kind: Kind) {
        self.eventID = eventID
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .altered:
            "event \(eventID) was changed after it was written: its hash does not match its content"
        case .unlinked(nil):
            "event \(eventID) is the first event but names a previous one: events before it were removed"
        case .unlinked(let previousID?):
            "event \(eventID) does not follow event \(previousID): an event between them was removed, event \(eventID) was inserted out of place, "
                + "or event \(previousID) was changed and its hash recomputed"
        case .outOfOrder(let previousID):
            "event \(eventID) comes after event \(previousID): the events are not in order"
        case .unchained:
            "event \(eventID) has no hash: it was inserted without the chain"
        case .anchorMismatch:
            "event \(eventID) is the anchored event but its hash differs from the anchor: the trail was rewritten"
        case .anchorMissing(let lastID):
            "the anchored event \(eventID) is not in the trail (it ends at \(lastID.map { "event \($0)" } ?? "no event")): events were removed or the trail was rewritten"
        }
    }
}
