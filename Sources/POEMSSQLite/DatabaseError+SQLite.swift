import GRDB
import POEMSStorage

/// In this module `DatabaseError` is the storage contract's error; GRDB's is
/// written `GRDB.DatabaseError`.
typealias DatabaseError = POEMSStorage.DatabaseError

extension POEMSStorage.DatabaseError {
    /// `error` as the storage layer reports it: GRDB's errors become
    /// `.diskFull` or `.sqlite`; other errors (domain refusals such as
    /// `CaseWriteError`) are returned unchanged.
    static func converting(_ error: any Error) -> any Error {
        guard let error = error as? GRDB.DatabaseError else { return error }
        if error.resultCode == .SQLITE_FULL { return DatabaseError.diskFull }
        return DatabaseError.sqlite(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error.resultCode)")
    }

    /// SQLite's failure `code` (its extended result code) with SQLite's
    /// message, which names the constraint or the condition, never values.
    static func sqlite(code: Int32, message: String) -> DatabaseError {
        .engine("SQLite", code: String(code), explanation: message)
    }

    /// SQLite's extended result code, when `error` is SQLite's failure.
    static func sqliteCode(_ error: any Error) -> Int32? {
        guard case DatabaseError.engine("SQLite", let code, _, _) = error else { return nil }
        return Int32(code)
    }

    /// Whether `error` is SQLite's SQLITE_READONLY (8), with any extended
    /// code: the connection or its file cannot be written.
    static func isReadOnly(_ error: any Error) -> Bool {
        sqliteCode(error).map { $0 & 0xFF == 8 } ?? false
    }

    /// Runs `body`, converting the engine's errors.
    static func converted<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw converting(error) }
    }
}
