/// What an API key may do. Roles are ordered: a writer may do everything a
/// reader may, an admin everything a writer may.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads evidence, criteria and records.
    case reader
    /// Also creates and changes records.
    case writer
    /// Also administers the service.
    case admin

    /// Whether a key with this role may do what needs `required`.
    public func allows(_ required: Role) -> Bool { self >= required }

    private var rank: Int {
        switch self {
        case .reader: 0
        case .writer: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
