/// Media types of request bodies and of what clients accept (RFC 9110
/// §8.3.1, §12.5.1): compared by their essence, `type/subtype` lowercased,
/// without parameters.
public enum MediaType {
    /// The essence of a `Content-Type` value: `application/fhir+json` for
    /// `application/fhir+json; fhirVersion=4.0`.
    public static func essence(_ value: String) -> String {
        value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmingOptionalWhitespace.lowercased() ?? ""
    }

    /// `application/json`, or any `application/*+json`, with optional parameters.
    public static func isJSON(_ value: String) -> Bool {
        let essence = essence(value)
        return essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    /// The media types an `Accept` value names with a weight above 0
    /// (ranges such as `*/*` as they are written).
    public static func accepted(_ accept: String) -> Set<String> {
        var named: Set<String> = []
        for element in accept.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let type = parts.first.map({ String($0.trimmingOptionalWhitespace).lowercased() }), !type.isEmpty else { continue }
            let weight = parts.dropFirst().map { String($0.trimmingOptionalWhitespace).lowercased() }
                .first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0 { named.insert(type) }
        }
        return named
    }
}
