/// Who the client is when the peer may be a reverse proxy.
///
/// Only a peer inside one of the trusted proxy networks is believed about
/// the client: then the addresses it reports (RFC 7239 `Forwarded: for=`,
/// else `X-Forwarded-For`) are read from the nearest (last) back, skipping
/// trusted proxies; the first untrusted address is the client. From any
/// other peer those headers are ignored, since anyone can send them.
public enum ClientAddress {
    public static func resolve(peer: String?, headers: HTTPHeaders, trustedProxies: [IPNetwork]) -> String? {
        guard let peer, !trustedProxies.isEmpty, isTrusted(peer, trustedProxies) else { return peer }
        let chain: [String]
        if let forwarded = headers.combined("Forwarded") {
            chain = forwardedFor(forwarded)
        } else if let list = headers.combined("X-Forwarded-For") {
            chain = list.split(separator: ",").map { $0.trimmingSpaces() }
        } else {
            return peer
        }
        // A chain that is not all addresses was not written by our proxy: keep the peer.
        guard !chain.isEmpty, chain.allSatisfy({ IPNetwork.bytes($0) != nil }) else { return peer }
        return chain.last { !isTrusted($0, trustedProxies) } ?? chain.first
    }

    private static func isTrusted(_ address: String, _ networks: [IPNetwork]) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// The `for=` addresses of a `Forwarded` field, in order, without port,
    /// quotes or IPv6 brackets (`for="[2001:db8::1]:4711"` → `2001:db8::1`).
    /// An obfuscated or `unknown` node is returned as is (and so not an address).
    static func forwardedFor(_ value: String) -> [String] {
        var result: [String] = []
        for element in value.split(separator: ",") {
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces().lowercased() == "for" else { continue }
                var node = parts[1].trimmingSpaces()
                if node.hasPrefix("\""), node.hasSuffix("\""), node.count >= 2 { node = String(node.dropFirst().dropLast()) }
                if node.hasPrefix("["), let close = node.firstIndex(of: "]") {
                    node = String(node[node.index(after: node.startIndex)..<close])
                } else if node.filter({ $0 == ":" }).count == 1, let colon = node.firstIndex(of: ":") {
                    node = String(node[..<colon])
                }
                result.append(node)
            }
        }
        return result
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
