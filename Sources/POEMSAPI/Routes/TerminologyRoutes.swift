import HTTPServer

/// `GET /v1/terminology`: the terminology map in use for FHIR input, each
/// row with its source, its evidence and its origin (`seed` or `imported`).
enum TerminologyRoutes {
    struct Listing: Encodable {
        let rows: [TerminologyCatalog.Listed]
        let note = "Seed rows hold only codes a public source confirms (REFERENCES.md); 'corroborated' rows rest on secondary sources only. Check codes against the code system's own release before relying on them. Operators add local rows with `poemsd terminology import FILE`."
    }

    static func register(in router: inout ProtectedRouter, catalog: TerminologyCatalog) {
        router.get("/v1/terminology", .reader, cacheControl: "no-cache") { _, _ in
            try .json(Listing(rows: catalog.listing()))
        }
    }
}
