/// A run of the oldest events of the audit trail, as archived: from
/// `firstID`, whose previous hash is `fromHash` (`AuditChain.genesis`, or
/// the previous cut's head), through `through`, the chain's head before
/// the cut. An archive file's header names it, and so does the cut
/// recorded in the database.
public struct AuditArchiveRange: Sendable, Equatable {
    public var firstID: Int64
    public var fromHash: String
    public var through: AuditChain.Head
    public var events: Int

    public init(firstID: Int64, fromHash: String, through: AuditChain.Head, events: Int) {
        self.firstID = firstID
        self.fromHash = fromHash
        self.through = through
        self.events = events
    }
}

/// A cut recorded in the database (`audit_archive_cuts`) by `poemsd audit
/// archive`: which events left the table, into which file, and the
/// `audit.archive` event that records it in the chain. The first event
/// left in the table names `range.through.hash` as its previous hash.
public struct AuditArchiveCut: Sendable, Equatable {
    public var range: AuditArchiveRange
    /// The `audit.archive` event appended in the cut's transaction (it stays in the table).
    public var archiveEventID: Int64
    public var archivedAt: String
    /// The archive file's name when it was written, without its directory.
    public var fileName: String
    /// SHA-256 of the whole archive file, lowercase hex.
    public var fileSHA256: String

    public init(range: AuditArchiveRange, archiveEventID: Int64, archivedAt: String, fileName: String, fileSHA256: String) {
        self.range = range
        self.archiveEventID = archiveEventID
        self.archivedAt = archivedAt
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
    }

    /// One line for a person: the range, the head, the file.
    public var summary: String {
        "events \(range.firstID)–\(range.through.id) (\(range.events)) through head event \(range.through.id) \(range.through.hash), "
            + "archived \(archivedAt) into \(fileName) (SHA-256 \(fileSHA256))"
    }
}
