/// UCUM is case-sensitive, and defines the litre twice, `l` and `L`: the
/// same unit (UCUM, "The Unified Code for Units of Measure", base units
/// table; REFERENCES.md, Codes for EHR input: `g/dl`, `mg/dl`, `umol/l` are
/// `g/dL`, `mg/dL`, `umol/L`). Every other symbol is compared exactly.
enum UCUMLitre {
    /// The prefixes a laboratory puts on the litre (deci, centi, milli,
    /// micro, nano, pico, femto), and none.
    static let prefixes: Set<Substring> = ["", "d", "c", "m", "u", "n", "p", "f"]

    /// The code with each litre written `L`: `g/dl` → `g/dL`, `umol/l` →
    /// `umol/L`, `10*3/ul` → `10*3/uL`; `mmol/L` keeps its `mol`.
    static func upperCased(_ code: String) -> String {
        var result = ""
        var term = Substring()
        func flush() {
            if term.hasSuffix("l"), prefixes.contains(term.dropLast()) {
                result += term.dropLast() + "L"
            } else {
                result += term
            }
            term = Substring()
        }
        for character in code {
            if character == "/" || character == "." {
                flush()
                result.append(character)
            } else {
                term.append(character)
            }
        }
        flush()
        return result
    }
}
