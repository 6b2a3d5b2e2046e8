/// One entry of the change feed: a case write, numbered in commit order
/// (migration 0009). A deletion is a tombstone: `kind` `.deleted`, with the
/// case's last revision; so is a purge (`.purged`, migration 0013), after
/// which the case's content no longer exists anywhere in the store.
public struct CaseChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case created, updated, deleted, purged
    }

    /// Commit order, from 1; a client continues after the last one it saw.
    public var seq: Int64
    public var caseID: String
    public var kind: Kind
    public var revision: Int
    /// When the write happened (stored timestamp form).
    public var at: String

    public init(seq: Int64, caseID: String, kind: Kind, revision: Int, at: String) {
        self.seq = seq
        self.caseID = caseID
        self.kind = kind
        self.revision = revision
        self.at = at
    }
}
