/// What an API key may do. Roles are ordered: a reader may do everything a
/// viewer may, a writer everything a reader may, an admin everything a
/// writer may.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// A wall screen (the dashboard's kiosk mode): statistics, counts and
    /// verdicts only, never a case id, patient reference or note (README,
    /// "The viewer role").
    case viewer
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
        case .viewer: 0
        case .reader: 1
        case .writer: 2
        case .admin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
