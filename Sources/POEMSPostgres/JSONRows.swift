import Foundation

/// Rows as one JSON array of objects, bound as a single `jsonb` parameter
/// and read back with `jsonb_to_recordset`: a batch of rows, with NULLs,
/// in one statement.
enum JSONRows {
    enum Value {
        case text(String)
        case int(Int)
        case optional(String?)
    }

    static func encode(_ rows: [[String: Value]]) -> String {
        let objects: [[String: Any]] = rows.map { row in
            row.mapValues { value -> Any in
                switch value {
                case .text(let text): text
                case .int(let number): number
                case .optional(let text): text ?? NSNull()
                }
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
