import POEMSStorage


extension StorageFailure {
    /// `nil` for errors that are not the storage's (a domain refusal).
    init?(_ error: any Error) {
        switch DatabaseError.converting(error) {
        case DatabaseError.diskFull: self.init(engine: "SQLite", code: "13", summary: "SQLITE_FULL (13): the disk or the file-size limit is full")
        case DatabaseError.engine("SQLite", let code, _, let message):
            self.init(engine: "SQLite", code: code, summary: "SQLite result code \(code)" + (message.map { ": \($0)" } ?? ""))
        case DatabaseError.unavailable(let reason): self.init(engine: "SQLite", code: nil, summary: reason)
        default: return nil
        }
    }
}
