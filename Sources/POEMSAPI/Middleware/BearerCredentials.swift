import HTTPServer

/// The token of an `Authorization` field of the Bearer scheme (RFC 6750
/// §2.1), read the same way on every route: the scheme name is
/// case-insensitive (RFC 9110 §11.1), so `bearer` and `BEARER` are the
/// same scheme; the token follows one or more spaces, without surrounding
/// optional whitespace.
enum BearerCredentials {
    /// The token, or `nil` when `field` is not the Bearer scheme followed by a token.
    static func token(in field: String) -> Substring? {
        guard let space = field.firstIndex(of: " "), field[..<space].lowercased() == "bearer" else { return nil }
        let token = field[field.index(after: space)...].trimmingOptionalWhitespace
        return token.isEmpty ? nil : token
    }
}
