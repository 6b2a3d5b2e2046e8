/// ``Labs`` read by ``CaseInputReader``: the fields in the order, and with
/// the checks, of `Labs.init(from:)` (a value outside its unit's
/// physiological range is refused with the likely mistake).
extension Labs {
    static let inputKeys = InputKeyNames<CodingKeys>()

    init(reading object: InputObject<CodingKeys>) throws(DecodingError) {
        self.init()
        for (key, range, field) in Self.measurements {
            guard let value = try object.double(key) else { continue }
            if let refusal = Self.refusal(key, range, value) { throw object.corrupted(key, refusal) }
            self[keyPath: field] = value
        }
        if let message = limitProblem { throw object.corrupted(.vegfUpperLimitPgPerMl, message) }
    }
}
