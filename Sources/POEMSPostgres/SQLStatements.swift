/// Splits a migration file into its statements, for a protocol that runs
/// one at a time: at each `;` outside quotes ('…', "…"), dollar-quoted
/// bodies (`$$…$$`, `$tag$…$tag$`) and comments (`-- …`, `/* … */`).
/// Statements that are only whitespace and comments are dropped.
enum SQLStatements {
    static func split(_ sql: String) -> [String] {
        let characters = Array(sql)
        var statements: [String] = []
        var current = "", meaningful = false
        var index = 0
        func take(_ count: Int) {
            current += String(characters[index..<min(index + count, characters.count)])
            index += count
        }
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "-" where next == "-":
                while index < characters.count, characters[index] != "\n" { take(1) }
            case "/" where next == "*":
                let start = index
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") { index += 1 }
                index = min(index + 2, characters.count)
                current += String(characters[start..<index])
            case "'", "\"":
                meaningful = true
                take(1)
                while index < characters.count, characters[index] != character { take(1) }
                take(1)
            case "$":
                meaningful = true
                // A dollar-quote tag: $$ or $identifier$.
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                guard end < characters.count, characters[end] == "$" else { take(1); continue }
                let tag = Array(characters[index...end])
                take(tag.count)
                while index < characters.count, !characters[index...].starts(with: tag) { take(1) }
                take(tag.count)
            case ";":
                if meaningful { statements.append(current) }
                current = ""
                meaningful = false
                index += 1
            default:
                if !character.isWhitespace { meaningful = true }
                take(1)
            }
        }
        if meaningful { statements.append(current) }
        return statements
    }
}
