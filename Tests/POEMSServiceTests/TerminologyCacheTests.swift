import Foundation
import Testing

/// The terminology map is built once and kept while the store's generation
/// stands still: a FHIR request then reads no terminology row (shown by
/// hiding the table: the request still maps the imported code), and an
/// import by another process is used without a restart once its
/// generation is seen (docs/fhir-and-cds-hooks.md: within half a second).
@Suite struct TerminologyCacheTests {
    static func row(_ code: String) -> Data {
        Data(#"""
            {"rows": [{"system": "urn:oid:1.2.3.4", "code": "\#(code)", "display": "VEGF, plasma (local)", "kind": "lab", "target": "vegf-plasma",
                       "source": "St Elsewhere laboratory catalogue", "evidence": "local"}]}
            """#.utf8)
    }

    static func bundle(_ code: String) -> [UInt8] {
        Array(#"""
            {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Observation", "id": "v", "status": "final",
             "code": {"coding": [{"system": "urn:oid:1.2.3.4", "code": "\#(code)"}]},
             "valueQuantity": {"value": 320, "unit": "pg/mL", "system": "http://unitsofmeasure.org", "code": "pg/mL"}}}]}
            """#.utf8)
    }

    /// Whether an evaluation of an Observation coded `code` read it as plasma VEGF.
    static func maps(_ port: Int, _ code: String, _ authorization: [(String, String)]) throws -> Bool {
        let response = try FHIRAPITests.post(port, "/v1/evaluations", fhir: bundle(code), headers: authorization)
        guard response.status == 200 else { throw TestClientError.malformed("evaluation: \(response.status) \(response.text)") }
        return FHIRAPITests.provenance(try response.json(), "/labs/plasmaVegfPgPerMl")?["resources"] as? [String] == ["Observation/v"]
    }

    @Test func aFHIRRequestReadsNoTerminologyRowWhileNothingChanged() throws {
        let sandbox = try ServerSandbox()
        defer { sandbox.tearDown() }
        let reader = bearer(try sandbox.createKey("terminology-reader", role: .reader))
        let file = sandbox.directory.appendingPathComponent("local.json")
        try Self.row("VEGF-P").write(to: file)
        let imported = try runProcess(sandbox.binary, ["terminology", "import", file.path, "--database", sandbox.location])
        #expect(imported.status == 0, "\(imported.output)")
        let server = try sandbox.start()
        #expect(try Self.maps(server.port, "VEGF-P", reader), "the imported code is used")

        // With the rows out of reach, the kept map still answers: no row is read.
        try TestSQL.execute(sandbox.location, "ALTER TABLE terminology_rows RENAME TO terminology_rows_hidden")
        for _ in 0..<3 {
            #expect(try Self.maps(server.port, "VEGF-P", reader), "answered from the kept map")
        }
        try TestSQL.execute(sandbox.location, "ALTER TABLE terminology_rows_hidden RENAME TO terminology_rows")

        // Another process's import moves the generation: the new code is used without a restart.
        try Self.row("VEGF-P2").write(to: file)
        let again = try runProcess(sandbox.binary, ["terminology", "import", file.path, "--database", sandbox.location])
        #expect(again.status == 0, "\(again.output)")
        #expect(eventually(within: 30) { (try? Self.maps(server.port, "VEGF-P2", reader)) == true }, "the new import is used")
        #expect(try Self.maps(server.port, "VEGF-P", reader), "and the first row still is")
    }
}
