import HTTPServer

/// Query strings are part of the contract: an unknown or repeated parameter
/// is an error, never silently ignored (a misspelt filter must not return
/// unfiltered data).
enum QueryValidation {
    static func rejectUnknown(_ query: QueryParameters, allowed: Set<String>) throws(ProblemDetails) {
        var seen: Set<String> = []
        for name in query.names {
            guard allowed.contains(name) else {
                let known = allowed.isEmpty ? "this endpoint takes no query parameters" : "known: \(allowed.sorted().joined(separator: ", "))"
                throw .invalidParameter("Unknown query parameter '\(name)'; \(known).", parameter: name)
            }
            guard seen.insert(name).inserted else {
                throw .invalidParameter("Query parameter '\(name)' is given more than once.", parameter: name)
            }
        }
    }
}
