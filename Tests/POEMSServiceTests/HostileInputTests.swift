import Dispatch
import Foundation
import Testing

/// A bounded, reproducible run of hostile input against the running server:
/// mutations of a valid evaluation request, random bodies, hostile query
/// strings and header fields, over a few parallel keep-alive connections.
/// Whatever arrives, the server never answers 5xx, every 4xx is
/// problem+json, and it still answers `/healthz` afterwards.
@Suite struct HostileInputTests {
    /// Fixed, so that a failure can be replayed; printed with every failure.
    static let seed: UInt64 = 0x504F_454D_5344
    static let connections = 4
    static let requestsPerConnection = 1000

    @Test func hostileRequestsNeverCause5xxOrNonProblemErrors() throws {
        try withService { service in
            let port = service.port
            let failures = LockedList(), statuses = LockedList()
            DispatchQueue.concurrentPerform(iterations: Self.connections) { worker in
                var random = SplitMix64(seed: Self.seed &+ UInt64(worker))
                var connection = try? TestConnection(port: port)
                for index in 0..<Self.requestsPerConnection {
                    let request = HostileRequest.make(&random)
                    let label = "seed \(Self.seed)+\(worker) request \(index): \(request.method) \(request.path.prefix(80))"
                    do {
                        if connection == nil { connection = try TestConnection(port: port) }
                        let response = try connection!.request(request.method, request.path, headers: request.headers, body: request.body)
                        statuses.append(String(response.status))
                        if response.status >= 500 {
                            failures.append("\(label) -> \(response.status) \(response.text.prefix(200))")
                        } else if response.status >= 400 && response.header("Content-Type") != "application/problem+json" {
                            failures.append("\(label) -> \(response.status) with \(response.header("Content-Type") ?? "no Content-Type")")
                        }
                        if response.header("Connection")?.lowercased() == "close" { connection = nil }
                    } catch {
                        // The server may close a connection it refuses; anything else is a failure.
                        failures.append("\(label) -> no response (\(error))")
                        connection = nil
                    }
                }
            }
            #expect(failures.values.isEmpty, "seed \(Self.seed): \(failures.values.count) failures, first: \(failures.values.prefix(5))")
            // The mix reaches the engine as well as the rejections.
            let seen = Set(statuses.values)
            #expect(seen.isSuperset(of: ["200", "400", "404"]), "statuses seen: \(seen.sorted())")
            let health = try fetch(port, "GET", "/healthz")
            #expect(health.status == 200)
            let valid = try fetch(port, "POST", "/v1/evaluations", json: EvaluationAPITests.fullWorkup)
            #expect(valid.status == 200)
        }
    }
}

/// One generated request.
struct HostileRequest {
    var method: String
    var path: String
    var headers: [(String, String)]
    var body: [UInt8]?

    static func make(_ random: inout SplitMix64) -> HostileRequest {
        var headers: [(String, String)] = []
        for _ in 0..<random.below(3) { headers.append(randomHeader(&random)) }
        switch random.below(10) {
        case 0:
            return HostileRequest(method: "GET", path: "/v1/criteria/" + percentEncoded(randomText(&random, maximum: 40)), headers: headers)
        case 1:
            let parameter = ["sort", "order", "minImproved", "q", randomText(&random, maximum: 8)][random.below(5)]
            let path = "/v1/evidence/treatment-response?" + percentEncoded(parameter) + "=" + percentEncoded(randomText(&random, maximum: 60))
            return HostileRequest(method: "GET", path: path, headers: headers)
        case 2:
            return HostileRequest(method: "GET", path: "/v1/evaluations?criteria=" + percentEncoded(randomText(&random, maximum: 20)), headers: headers)
        default:
            let query = random.below(4) == 0 ? "?criteria=" + percentEncoded(randomText(&random, maximum: 20)) : ""
            let contentType = random.below(20) == 0 ? "text/plain" : "application/json"
            return HostileRequest(method: "POST", path: "/v1/evaluations" + query,
                                  headers: [("Content-Type", contentType)] + headers, body: body(&random))
        }
    }

    static let workup = Array(EvaluationAPITests.fullWorkup.utf8)

    /// A mutation of the valid full work-up, or something else entirely.
    static func body(_ random: inout SplitMix64) -> [UInt8] {
        var bytes = workup
        switch random.below(9) {
        case 0: // byte flips
            for _ in 0...random.below(8) { bytes[random.below(bytes.count)] ^= UInt8(truncatingIfNeeded: 1 << random.below(8)) }
        case 1: // truncation
            bytes = Array(bytes.prefix(random.below(bytes.count)))
        case 2: // duplicated keys
            let duplicate = [#""findings": {"polyneuropathy": false}, "#, #""patient": null, "#, #""labs": {"serumVegfPgPerMl": -1}, "#][random.below(3)]
            bytes.insert(contentsOf: Array(duplicate.utf8), at: 1 + bytes.firstIndex(of: UInt8(ascii: "{"))!)
        case 3: // a value of the wrong type, a huge number or an odd literal
            let replacements = ["\"yes\"", "[]", "{}", "1e999", "-1e400", "123456789012345678901234567890", "-0", "NaN", "null",
                                "\"\\ud800\"", "0.0000000000000000000000001", "[true]", "\"lambda\"", "17"]
            let text = String(decoding: bytes, as: UTF8.self)
            let values = ["true", "false", "\"lambda\"", "\"solitary\"", "\"female\"", "2400", "14.2", "52", "null"]
            let target = values[random.below(values.count)]
            if let range = text.ranges(of: target).randomElement(using: &random) {
                bytes = Array(text.replacingCharacters(in: range, with: replacements[random.below(replacements.count)]).utf8)
            }
        case 4: // deep nesting
            let depth = 1 + random.below(80)
            let open = random.below(2) == 0 ? "[" : "{\"a\":"
            let close = open == "[" ? "]" : "}"
            bytes = Array(("{\"findings\": {}, \"patient\": " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth) + "}").utf8)
        case 5: // random unicode in a string
            bytes = Array(("{\"findings\": {\"" + randomText(&random, maximum: 30) + "\": true}, \"patient\": {\"sex\": \"" + randomText(&random, maximum: 200) + "\"}}").utf8)
        case 6: // random bytes
            bytes = (0..<random.below(400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case 7: // a long string
            bytes = Array(("{\"findings\": {}, \"patient\": {\"sex\": \"" + String(repeating: "é", count: random.below(8000)) + "\"}}").utf8)
        default: // valid, sometimes emptied of findings
            if random.below(2) == 0 { bytes = Array(#"{"findings": {}}"#.utf8) }
        }
        return bytes
    }

    static func randomText(_ random: inout SplitMix64, maximum: Int) -> String {
        var text = ""
        for _ in 0..<random.below(maximum + 1) {
            let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x370...0x3FF, 0x4E00...0x4FFF, 0x1F300...0x1F6FF, 0...0x1F]
            let pool = pools[random.below(pools.count)]
            let scalar = Unicode.Scalar(pool.lowerBound + UInt32(random.below(Int(pool.upperBound - pool.lowerBound) + 1)))!
            // Escape what JSON requires, so the text lands in a string (quotes and control characters are mutations enough elsewhere).
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    static func randomHeader(_ random: inout SplitMix64) -> (String, String) {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        let name = "X-" + String((0...random.below(20)).map { _ in alphabet[random.below(alphabet.count)] })
        let value = String((0..<random.below(200)).map { _ in Character(Unicode.Scalar(UInt8(0x21 + random.below(0x5E)))) })
        let known = [("X-Request-Id", value), ("Accept", value), ("If-None-Match", value), ("Content-Encoding", "gzip"), (name, value)]
        return known[random.below(known.count)]
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

/// SplitMix64: a tiny, well-mixed, seedable generator (Steele, Lea and
/// Flood 2014), so a failing run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
