/// One entry of the audit trail. It names the key, the action, the case and
/// the outcome, never findings or patient references.
public struct AuditEvent: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var keyName: String?
    public var action: String
    public var method: String
    public var route: String
    public var caseID: String?
    public var status: Int
    public var requestID: String
    public var clientAddress: String?
    /// Its place in the hash chain (`AuditChain`): assigned by the store when
    /// the event is appended, `nil` before.
    public var link: AuditChain.Link?

    public init(keyName: String?, action: String, method: String, route: String, caseID: String?, status: Int,
                requestID: String, clientAddress: String?) {
        self.id = 0
        self.at = Timestamp.now()
        self.keyName = keyName
        self.action = action
        self.method = method
        self.route = route
        self.caseID = caseID
        self.status = status
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
}

/// Filters and paging of `AuditLog.events`.
public struct AuditQuery: Sendable {
    public var caseID: String?
    public var keyName: String?
    /// Only events at or after this timestamp (stored form).
    public var since: String?
    public var limit: Int
    /// Only events after this id.
    public var after: Int64?

    public init(caseID: String? = nil, keyName: String? = nil, since: String? = nil, limit: Int = 100, after: Int64? = nil) {
        self.caseID = caseID
        self.keyName = keyName
        self.since = since
        self.limit = limit
        self.after = after
    }
}
