import Foundation
import Testing

/// gzip content coding end to end, checked with the real `gzip` tool.
@Suite struct CompressionTests {
    @Test func largeResponsesAreGzippedWithVaryAndTheirOwnETag() throws {
        try withService { service in
            let port = service.port
            let created = try CaseAPITests.create(port)
            let path = try #require(created.header("Location"))
            let plain = try fetch(port, "GET", path)
            #expect(plain.header("Content-Encoding") == nil)
            #expect(plain.header("Vary")?.contains("Accept-Encoding") == true, "the representation depends on Accept-Encoding")

            let gzipped = try fetch(port, "GET", path, headers: [("Accept-Encoding", "br;q=1, gzip;q=0.8")])
            #expect(gzipped.status == 200 && gzipped.header("Content-Encoding") == "gzip")
            #expect(gzipped.header("Vary")?.contains("Accept-Encoding") == true)
            #expect(gzipped.body.count * 3 < plain.body.count, "\(gzipped.body.count) of \(plain.body.count) bytes")
            #expect(try Gunzip.decode(gzipped.body) == plain.body)
            let plainTag = try #require(plain.header("ETag")), gzipTag = try #require(gzipped.header("ETag"))
            #expect(gzipTag == String(plainTag.dropLast()) + "-gzip\"", "another representation, another strong tag")

            // Either tag validates: conditional requests work whichever coding the client got.
            let notModified = try fetch(port, "GET", path, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)])
            #expect(notModified.status == 304 && notModified.header("ETag") == gzipTag)
            #expect(try fetch(port, "PUT", path, json: #"{"findings": {"polyneuropathy": true}}"#, headers: [("If-Match", gzipTag)]).status == 200)

            // Refused, or not worth it: sent as is.
            #expect(try fetch(port, "GET", path, headers: [("Accept-Encoding", "gzip;q=0, identity")]).header("Content-Encoding") == nil)
            let small = try fetch(port, "GET", "/healthz", headers: [("Accept-Encoding", "gzip")])
            #expect(small.header("Content-Encoding") == nil && small.header("Vary")?.contains("Accept-Encoding") != true)
        }
    }
}
