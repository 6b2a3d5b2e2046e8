import PostgresNIO
import POEMSStorage

/// What a PostgreSQL error means for the service: whether the work may be
/// tried again (the transaction certainly did not commit, and the cause
/// passes: a lost connection, a server shutting down or failing over, a
/// serialization failure or deadlock), and the error the storage layer
/// reports (`DatabaseError`), without bound values.
enum PostgresFailure {
    /// SQLSTATE classes and codes that pass by themselves: connection
    /// exceptions (08), serialization failure and deadlock (40001, 40P01),
    /// too many connections (53300), operator intervention (57P01 admin
    /// shutdown, 57P02 crash shutdown, 57P03 cannot connect now), read-only
    /// transaction on a standby being promoted (25006).
    static func isTransient(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || ["40001", "40P01", "53300", "57P01", "57P02", "57P03", "25006"].contains(sqlState)
    }

    /// Whether `error` is transient (see `isTransient(sqlState:)`), for
    /// client errors: a connection that failed, closed or could not be made.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .server: return error.serverInfo?[.sqlState].map(isTransient(sqlState:)) ?? false
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .sslUnsupported: return true
            default: return false
            }
        case let error as PostgresTransactionError:
            return [error.beginError, error.closureError, error.commitError].contains { $0.map(isTransient) ?? false }
        case DatabaseError.unavailable, is ConnectionStalled:
            return true
        case is CancellationError:
            return true
        default:
            // Errors of the network layer below the client (connection refused).
            let name = String(reflecting: type(of: error))
            return name.hasPrefix("NIOCore.") || name.hasPrefix("NIOPosix.") || name.hasPrefix("NIOSSL.")
        }
    }

    /// `error` as the storage layer reports it. Domain refusals
    /// (`CaseWriteError`, `APIKeyError`) and `DatabaseError`s pass unchanged.
    static func converting(_ error: any Error) -> any Error {
        switch error {
        case is DatabaseError, is CaseWriteError, is APIKeyError:
            return error
        case let unknown as CommitOutcomeUnknown:
            return DatabaseError.outcomeUnknown(unknown.underlying is ConnectionStalled ? "no answer within \(PostgresDatabase.workTimeout)" : "the connection failed")
        case let stalled as ConnectionStalled:
            return DatabaseError.unavailable(stalled.description)
        case let error as PostgresTransactionError:
            if let inner = error.closureError ?? error.beginError ?? error.commitError { return converting(inner) }
            return DatabaseError.unavailable("transaction failed")
        case let error as PSQLError where error.code == .server && !isTransient(error):
            return DatabaseError.engine("PostgreSQL", code: error.serverInfo?[.sqlState] ?? "XX000", constraint: error.serverInfo?[.constraintName])
        case let error as PSQLError:
            return DatabaseError.unavailable(error.code.description)
        default:
            return isTransient(error) ? DatabaseError.unavailable("cannot reach the database") : DatabaseError.unavailable("\(type(of: error))")
        }
    }
}
