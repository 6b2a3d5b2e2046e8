/// Why an API key operation was refused.
public enum APIKeyError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Names are 1–64 characters of `A–Z a–z 0–9 - _ .`.
    case invalidName(String)
    case duplicateName(String)
    case unknownName(String)
    case alreadyRevoked(String)

    public var description: String {
        switch self {
        case .invalidName(let name): "invalid key name '\(name)': use 1-64 characters of A-Z a-z 0-9 - _ ."
        case .duplicateName(let name): "a key named '\(name)' already exists"
        case .unknownName(let name): "no key named '\(name)'"
        case .alreadyRevoked(let name): "the key '\(name)' is already revoked"
        }
    }
}
