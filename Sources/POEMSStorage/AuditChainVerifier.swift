/// Checks an audit trail's hash chain (`AuditChain`), one event at a time
/// in id order, as a store streams them: pure, so that every engine is
/// verified by the same code (`verify(_:archives:anchor:pageSize:)` walks
/// any `AuditLog`, and archive files through `AuditArchiveSource`).
///
/// Each event must name the previous event's hash (the first: `genesis`,
/// or after an archive cut the cut's head) and carry the hash of its own
/// content after it. The first event that does not is reported, with what
/// its failure means.
public struct AuditChainVerifier: Sendable {
    /// Events checked and found intact so far.
    public private(set) var intact = 0
    /// The last intact event (before any: where the chain starts, `nil` at genesis).
    public private(set) var head: AuditChain.Head?
    /// The archive cut the chain starts after (`nil`: it starts at genesis).
    public let start: AuditChain.Head?

    /// A chain from its first event (`genesis`), or from the event after
    /// `start`, the head of an archive cut.
    public init(after start: AuditChain.Head? = nil) {
        self.start = start
        head = start
    }

    /// Checks `event`, the next in id order: `nil` when it continues the
    /// chain, otherwise how it breaks it.
    public mutating func check(_ event: AuditEvent) -> AuditChainBreak? {
        guard let link = event.link else { return AuditChainBreak(eventID: event.id, kind: .unchained) }
        if let head, event.id <= head.id { return AuditChainBreak(eventID: event.id, kind: .outOfOrder(previousID: head.id)) }
        if link.previousHash != (head?.hash ?? AuditChain.genesis) {
            if let start, intact == 0 { return AuditChainBreak(eventID: event.id, kind: .unlinkedFromCut(throughID: start.id)) }
            return AuditChainBreak(eventID: event.id, kind: .unlinked(previousID: head?.id))
        }
        if AuditChain.hash(event, previous: link.previousHash) != link.hash {
            return AuditChainBreak(eventID: event.id, kind: .altered)
        }
        head = AuditChain.Head(id: event.id, hash: link.hash)
        intact += 1
        return nil
    }

    /// Walks the trail: the `archives` given (in order, each from the
    /// trail's first event or a cut the database records, or from where
    /// the one before ends), then every event of `log` (its unfiltered
    /// `events` pages, in id order), and stops at the first break.
    ///
    /// Without archives the database's events must follow the last cut it
    /// records (`AuditLog.archiveCuts`), or start the chain when there is
    /// none. With archives, each must chain on its own, end at the head its
    /// header names, which must be a cut the database records (the same
    /// range, and the file's SHA-256), and the last must end at the
    /// database's last cut. With an `anchor` (a head an auditor recorded
    /// earlier), the chain must also pass through it: that catches a trail
    /// rewritten with every hash recomputed, or events removed from its
    /// end. An anchor in an archived range is checked in the archives (or
    /// against a cut's head), and is a break when they are not given.
    ///
    /// Pure but for `log` and `archives`, which it reads in order.
    public static func verify(_ log: any AuditLog, archives: [any AuditArchiveSource] = [], anchor: AuditChain.Head? = nil,
                              pageSize: Int = 1000) throws -> AuditChainReport {
        let cuts = try log.archiveCuts()
        var report = AuditChainReport(intact: 0, head: nil, firstBreak: nil)
        report.cuts = cuts
        func broken(_ found: AuditChainBreak, in place: String?) -> AuditChainReport {
            report.firstBreak = found
            report.brokenIn = place
            return report
        }
        func broken(_ eventID: Int64, _ kind: AuditChainBreak.Kind, in place: String? = nil) -> AuditChainReport {
            broken(AuditChainBreak(eventID: eventID, kind: kind), in: place)
        }
        // The cuts follow one another from the first event.
        for (index, cut) in cuts.enumerated() {
            let previous = index > 0 ? cuts[index - 1].range.through : nil
            if cut.range.fromHash != (previous?.hash ?? AuditChain.genesis) || cut.range.firstID <= previous?.id ?? 0 {
                return broken(cut.range.firstID, .cutsDisagree(throughID: cut.range.through.id))
            }
        }

        // Where checking starts: the first archive's start, else the database's last cut.
        var chainStart = cuts.last?.range.through
        if let first = archives.first {
            let from = first.header.range
            if from.fromHash == AuditChain.genesis {
                chainStart = nil
            } else if let cut = cuts.first(where: { $0.range.through.hash == from.fromHash && $0.range.through.id < from.firstID }) {
                chainStart = cut.range.through
            } else {
                return broken(from.firstID, .archiveUnanchored, in: first.name)
            }
        }
        var anchorSeen = false
        if let anchor, let chainStart, anchor.id <= chainStart.id {
            guard let cut = cuts.first(where: { $0.range.through.id == anchor.id }) else {
                return broken(anchor.id, .anchorArchived(throughID: chainStart.id))
            }
            guard cut.range.through.hash == anchor.hash else { return broken(anchor.id, .anchorMismatch) }
            anchorSeen = true
        }
        var verifier = AuditChainVerifier(after: chainStart)
        /// Checks `event`: the chain, then the anchor.
        func check(_ event: AuditEvent) -> AuditChainBreak? {
            if let found = verifier.check(event) { return found }
            if let anchor, anchor.id == event.id {
                guard anchor.hash == event.link?.hash else { return AuditChainBreak(eventID: event.id, kind: .anchorMismatch) }
                anchorSeen = true
            }
            return nil
        }

        for (index, archive) in archives.enumerated() {
            let range = archive.header.range
            if index > 0, let head = verifier.head, range.fromHash != head.hash || range.firstID <= head.id {
                return broken(range.firstID, .archiveOutOfOrder(previousID: head.id), in: archive.name)
            }
            let before = verifier.intact
            while let event = try archive.next() {
                if let found = check(event) {
                    report.intact = verifier.intact
                    report.head = verifier.head
                    return broken(found, in: archive.name)
                }
            }
            report.intact = verifier.intact
            report.head = verifier.head
            guard verifier.head == range.through, verifier.intact - before == range.events else {
                return broken(range.through.id, .archiveIncomplete(lastID: verifier.head?.id, events: verifier.intact - before), in: archive.name)
            }
            guard let cut = cuts.first(where: { $0.range.through.id == range.through.id }) else {
                return broken(range.through.id, .archiveNotRecorded, in: archive.name)
            }
            guard cut.range == range else { return broken(range.through.id, .cutMismatch(fileName: cut.fileName), in: archive.name) }
            guard cut.fileSHA256 == archive.sha256 else { return broken(range.through.id, .archiveFileChanged(fileName: cut.fileName), in: archive.name) }
            report.archives.append(AuditChainReport.Archive(name: archive.name, cut: cut))
        }
        if !archives.isEmpty, let last = cuts.last, verifier.head != last.range.through {
            let from = (verifier.head?.id ?? 0) + 1
            return broken(from, .archiveMissing(throughID: last.range.through.id, fileName: last.fileName))
        }

        // The database's events, after the last cut.
        verifier = AuditChainVerifier(after: cuts.last?.range.through)
        report.cut = cuts.last
        let archived = report.intact
        var after: Int64?
        while true {
            let page = try log.events(AuditQuery(limit: pageSize, after: after))
            for event in page.events {
                if let found = check(event) {
                    report.intact = archived + verifier.intact
                    report.head = verifier.head ?? report.head
                    return broken(found, in: nil)
                }
            }
            guard let next = page.next else { break }
            after = next
        }
        report.intact = archived + verifier.intact
        report.head = verifier.intact > 0 ? verifier.head : report.head
        if let anchor, !anchorSeen {
            return broken(anchor.id, .anchorMissing(lastID: report.head?.id))
        }
        return report
    }
}

/// The outcome of walking a chain.
public struct AuditChainReport: Sendable, Equatable {
    /// An archive checked, and the cut the database records for it.
    public struct Archive: Sendable, Equatable {
        public var name: String
        public var cut: AuditArchiveCut
    }

    /// Events found intact before the first break (all of them when none),
    /// archived and in the database.
    public var intact: Int
    /// The last intact event.
    public var head: AuditChain.Head?
    public var firstBreak: AuditChainBreak?
    /// Where the first break is: an archive's name, `nil` for the database.
    public var brokenIn: String?
    /// The cuts the database records, oldest first.
    public var cuts: [AuditArchiveCut] = []
    /// The archives checked, in order.
    public var archives: [Archive] = []
    /// The cut the database's events follow (`nil`: they start the chain),
    /// once they were reached.
    public var cut: AuditArchiveCut?

    public init(intact: Int, head: AuditChain.Head?, firstBreak: AuditChainBreak?) {
        self.intact = intact
        self.head = head
        self.firstBreak = firstBreak
    }
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
        /// It is the first event after an archive cut and does not name the
        /// cut's head.
        case unlinkedFromCut(throughID: Int64)
        /// Its id does not follow the previous event's.
        case outOfOrder(previousID: Int64)
        /// It has no hashes at all.
        case unchained
        /// It is the anchored event, with another hash: the trail was rewritten.
        case anchorMismatch
        /// The anchored event is not in the trail: removed from the end, or rewritten.
        case anchorMissing(lastID: Int64?)
        /// The anchored event was archived (at or before the cut through
        /// `throughID`) and no archive holding it was given.
        case anchorArchived(throughID: Int64)
        /// The cut from this event does not start where the one before it
        /// (the cut through `throughID`'s predecessor) ends.
        case cutsDisagree(throughID: Int64)
        /// The first archive starts at this event, neither at the trail's
        /// first event nor after a cut the database records.
        case archiveUnanchored
        /// The archive starts at this event, not after `previousID`, where
        /// the archive before it ends.
        case archiveOutOfOrder(previousID: Int64)
        /// The archive's header names this event as its last, but its
        /// events end at `lastID` (`events` of them).
        case archiveIncomplete(lastID: Int64?, events: Int)
        /// No cut the database records ends at this event, the archive's last.
        case archiveNotRecorded
        /// The database records the cut through this event with another
        /// range or head than the archive (`fileName`: the file it recorded).
        case cutMismatch(fileName: String)
        /// The archive's events are intact, but its bytes are not those
        /// written: its SHA-256 is not the one recorded with its cut.
        case archiveFileChanged(fileName: String)
        /// Events from this one through `throughID` were archived (into
        /// `fileName`) but no archive given holds them.
        case archiveMissing(throughID: Int64, fileName: String)
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
        case .unlinkedFromCut(let throughID):
            "event \(eventID) does not follow the archive cut through event \(throughID): events after the cut were removed, "
                + "or event \(eventID) or the record of the cut was changed"
        case .anchorArchived(let throughID):
            "the anchored event \(eventID) was archived (the trail here starts after the cut through event \(throughID)): "
                + "give the archive files that hold it with --archive to check it"
        case .cutsDisagree(let throughID):
            "the archive cut of events \(eventID)–\(throughID) does not start where the cut before it ends: the database's record of its cuts was changed"
        case .archiveUnanchored:
            "the archive starts at event \(eventID), neither at the trail's first event nor after a cut the database records: "
                + "give the archive files in order, from the oldest, or the archive was changed"
        case .archiveOutOfOrder(let previousID):
            "the archive starts at event \(eventID), not right after event \(previousID) where the archive before it ends: "
                + "the archive files are out of order, or one between them is missing"
        case .archiveIncomplete(let lastID, let events):
            "the archive's header names event \(eventID) as its last, but its \(events) event(s) end at \(lastID.map { "event \($0)" } ?? "no event"): "
                + "the file was cut short or changed"
        case .archiveNotRecorded:
            "the archive ends at event \(eventID), but the database records no cut there: it is not an archive of this database, "
                + "or the archive command that wrote it did not complete"
        case .cutMismatch(let fileName):
            "the database records the cut through event \(eventID) (into \(fileName)) with another range or head than the archive's: "
                + "the archive or the database's record of the cut was rewritten"
        case .archiveFileChanged(let fileName):
            "the archive's events chain, but the file is not the one written (into \(fileName)): its SHA-256 differs from the one recorded with its cut"
        case .archiveMissing(let throughID, let fileName):
            "events \(eventID)–\(throughID) were archived (into \(fileName)), but no archive given holds them: "
                + "give every archive file from the first one given on, in order"
        }
    }
}
