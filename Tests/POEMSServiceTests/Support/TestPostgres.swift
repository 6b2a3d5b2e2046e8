import Logging
import POEMSPostgres
import PostgresNIO

/// SQL on a test database from outside the service, synchronously, on a
/// connection of its own (no child process: hundreds of `psql` runs at
/// once trip Foundation's `Process` on Linux).
enum TestPostgres {
    /// Runs one statement; returns the first column of each row as text.
    @discardableResult
    static func query(_ url: String, _ sql: String) throws -> [String?] {
        let location = try PostgresLocation(url: url)
        let configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: .disable)
        let connection = try PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: configuration, id: 1,
                                                        logger: Logger(label: "poemsd-test.postgres")).wait()
        defer { try? connection.close().wait() }
        return try connection.query(sql).wait().rows.map { row in try row.first.flatMap { cell in try cell.decode(String?.self) } }
    }
}
