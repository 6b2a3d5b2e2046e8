import Foundation
import POEMSStorage
import Testing

/// API keys against a real database (each engine), and the `poemsd keys` commands.
@Suite struct APIKeyTests {
    /// A fresh migrated database.
    static func store() throws -> (any KeyStore, TestDatabase) {
        let database = try TestDatabase()
        return (try TestService.storage(database.location).keys, database)
    }

    @Test func createdKeyAuthenticatesUntilRevoked() throws {
        let (keys, database) = try Self.store()
        defer { database.remove() }
        #expect(try !keys.hasActiveKeys())
        let (token, record) = try keys.create(name: "ehr-integration", role: .writer)
        #expect(token.hasPrefix("poemsd_"))
        #expect(token.count == "poemsd_".count + 43, "256 bits in unpadded URL-safe base64")
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        #expect(record.tokenPrefix == String(token.prefix(12)))
        #expect(record.role == .writer && record.isActive)
        #expect(try keys.hasActiveKeys())
        #expect(try keys.authenticate(token: token) == record)

        let other = try keys.create(name: "reader", role: .reader).token
        #expect(other != token)
        try keys.revoke(name: "ehr-integration")
        #expect(try keys.authenticate(token: token) == nil)
        #expect(try keys.authenticate(token: other)?.role == .reader)
        #expect(throws: APIKeyError.alreadyRevoked("ehr-integration")) { try keys.revoke(name: "ehr-integration") }
        #expect(throws: APIKeyError.unknownName("nobody")) { try keys.revoke(name: "nobody") }
        try keys.revoke(name: "reader")
        #expect(try !keys.hasActiveKeys())
    }

    @Test func unknownAndMalformedTokensDoNotAuthenticate() throws {
        let (keys, database) = try Self.store()
        defer { database.remove() }
        let token = try keys.create(name: "a", role: .admin).token
        var altered = Array(token)
        altered[altered.count - 1] = altered.last == "A" ? "B" : "A"
        for candidate in [String(altered), "", "poemsd_", String(token.dropLast()), token + "x", token.uppercased(), String(repeating: "p", count: 10_000)] {
            #expect(try keys.authenticate(token: candidate) == nil)
        }
    }

    @Test func listShowsNoSecretsAndNamesAreUnique() throws {
        let (keys, database) = try Self.store()
        defer { database.remove() }
        let (token, _) = try keys.create(name: "b", role: .reader)
        _ = try keys.create(name: "a", role: .admin)
        #expect(throws: APIKeyError.duplicateName("a")) { try keys.create(name: "a", role: .reader) }
        #expect(throws: APIKeyError.invalidName("has space")) { try keys.create(name: "has space", role: .reader) }
        try keys.revoke(name: "b")
        let listed = try keys.list()
        #expect(listed.map(\.name) == ["a", "b"])
        #expect(listed[1].revokedAt != nil && listed[0].revokedAt == nil)
        let encoded = String(decoding: try JSONEncoder().encode(listed), as: UTF8.self)
        #expect(!encoded.contains(token))
        #expect(!encoded.contains(String(token.dropFirst(12))))
    }

    @Test func rolesAreOrdered() {
        #expect(Role.admin.allows(.writer) && Role.admin.allows(.reader) && Role.admin.allows(.admin))
        #expect(Role.writer.allows(.reader) && !Role.writer.allows(.admin))
        #expect(!Role.reader.allows(.writer) && Role.reader.allows(.reader))
    }

    @Test func keysCommandsCreateListAndRevoke() throws {
        let binary = try #require(poemsdExecutable(), "the poemsd executable is built beside the tests")
        let database = try TestDatabase()
        defer { database.remove() }
        let storage = ["--database", database.location]
        #expect(try runProcess(binary, ["migrate"] + storage).status == 0)

        let created = try runProcess(binary, ["keys", "create", "--name", "ehr", "--role", "writer"] + storage)
        #expect(created.status == 0, "\(created.output)")
        let token = try #require(created.output.split(separator: "\n").first { $0.hasPrefix("poemsd_") }.map(String.init))
        #expect(created.output.contains("will not be shown again"))

        let listed = try runProcess(binary, ["keys", "list"] + storage)
        #expect(listed.status == 0)
        #expect(listed.output.contains("ehr") && listed.output.contains("writer") && listed.output.contains(String(token.prefix(12))))
        #expect(!listed.output.contains(token))

        let duplicate = try runProcess(binary, ["keys", "create", "--name", "ehr", "--role", "reader"] + storage)
        #expect(duplicate.status != 0)
        let badRole = try runProcess(binary, ["keys", "create", "--name", "x", "--role", "root"] + storage)
        #expect(badRole.status != 0)

        #expect(try runProcess(binary, ["keys", "revoke", "ehr"] + storage).status == 0)
        #expect(try runProcess(binary, ["keys", "revoke", "ehr"] + storage).status != 0)
        #expect(try runProcess(binary, ["keys", "revoke", "nobody"] + storage).status != 0)

        // The token no longer authenticates.
        #expect(try TestService.storage(database.location).keys.authenticate(token: token) == nil)
    }
}
